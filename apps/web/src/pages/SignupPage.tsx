import { SignupBodySchema, UserEnvelopeSchema, type SignupBody } from "@atelier/contracts";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { EmailField, TextField } from "../components/TextField";
import { api, type ApiError, describeError, isApiError, read } from "../lib/api";
import { sentence, serverFieldErrors, textOf, validate, type FieldErrors } from "../lib/forms";
import { safeRedirect, useSignedIn } from "../lib/session";
import { useFieldErrors } from "../lib/useFieldErrors";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/signup");
const FIELDS: readonly string[] = ["email", "username", "displayName", "password"];
const LABELS: Record<string, string> = {
  email: "This e-mail",
  username: "This username",
  displayName: "The display name",
  password: "The password",
};

/** A 409 says the e-mail or the username is taken; put the message beside the field it is about. */
function conflictErrors(error: ApiError): FieldErrors {
  const fromList = serverFieldErrors(error, FIELDS, LABELS);
  if (Object.keys(fromList).length > 0) return fromList;
  const text = `${error.detail ?? ""} ${error.title}`.toLowerCase();
  if (text.includes("username")) {
    return { username: sentence(error.detail ?? "That username is already taken") };
  }
  if (text.includes("mail")) {
    return { email: sentence(error.detail ?? "An account with that e-mail already exists") };
  }
  return {};
}

export function SignupPage() {
  usePageTitle("Create your account");
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { formRef, fieldErrors, showFieldErrors, clearError, submitValid } = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);

  const signup = useMutation({
    mutationFn: (body: SignupBody) => read(UserEnvelopeSchema, api.POST("/api/auth/signup", { body })),
    onSuccess: async ({ user }) => {
      signedIn(user);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 409)) {
        const errors = conflictErrors(error);
        if (Object.keys(errors).length > 0) {
          showFieldErrors(errors);
        } else {
          setFormError(sentence(error.detail ?? "An account with that e-mail or username already exists"));
        }
        return;
      }
      if (isApiError(error, 400)) {
        const errors = serverFieldErrors(error, FIELDS, LABELS);
        if (Object.keys(errors).length > 0) {
          showFieldErrors(errors);
          return;
        }
      }
      if (isApiError(error, 429)) {
        setFormError("Too many attempts from this address. Please wait a few minutes and try again.");
        return;
      }
      setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormError(null);
    const displayName = textOf(form, "displayName").trim();
    const result = validate(
      SignupBodySchema,
      {
        email: textOf(form, "email").trim(),
        username: textOf(form, "username").trim().toLowerCase(),
        password: textOf(form, "password"),
        ...(displayName ? { displayName } : {}),
      },
      {
        email: "Enter your e-mail address.",
        username: "Choose a username.",
        displayName: "Use at most 60 characters.",
      },
    );
    submitValid(result, (body) => signup.mutate(body));
  }

  return (
    <AuthLayout
      title="Create your account"
      other={{ question: "Already have an account?", to: "/login", label: "Sign in instead", redirect }}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <EmailField error={fieldErrors.email} onChange={() => clearError("email")} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          minLength={3}
          maxLength={30}
          hint="3–30 lower-case letters, digits or underscores. Your profile lives at /users/your_name."
          error={fieldErrors.username}
          onChange={() => clearError("username")}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="name"
          maxLength={60}
          hint="Optional. The name buyers and sellers see, such as “Ada Lovelace”."
          error={fieldErrors.displayName}
          onChange={() => clearError("displayName")}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters. A short sentence is easy to remember and hard to guess."
          error={fieldErrors.password}
          onChange={() => clearError("password")}
        />
        <Button type="submit" size="lg" className="w-full" loading={signup.isPending}>
          Create account
        </Button>
        <p className="text-sm text-stone-600">
          By creating an account you agree to pay and get paid through Atelier, so every order stays protected
          by escrow.
        </p>
      </form>
    </AuthLayout>
  );
}
