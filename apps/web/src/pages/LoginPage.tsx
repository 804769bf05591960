import { LoginBodySchema, UserEnvelopeSchema } from "@atelier/contracts";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { EmailField, TextField } from "../components/TextField";
import { api, describeError, isApiError, read } from "../lib/api";
import { textOf, validate } from "../lib/forms";
import { safeRedirect, useSignedIn } from "../lib/session";
import { useFieldErrors } from "../lib/useFieldErrors";
import { usePageTitle } from "../lib/usePageTitle";
import { PasskeySignIn } from "./security/PasskeySignIn";

const route = getRouteApi("/login");
const FIELDS: readonly string[] = ["email", "password"];

function rateLimitMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null || retryAfterSeconds <= 0) {
    return "Too many sign-in attempts. Please wait a few minutes and try again.";
  }
  if (retryAfterSeconds < 90) {
    return `Too many sign-in attempts. Please wait ${retryAfterSeconds} seconds and try again.`;
  }
  return `Too many sign-in attempts. Please wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`;
}

export function LoginPage() {
  usePageTitle("Sign in");
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { formRef, fieldErrors, clearError, submitValid } = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);
  const [suspended, setSuspended] = useState(false);
  // Two-factor: once the password is right, the server asks for a code (401 two_factor_required).
  const [needsCode, setNeedsCode] = useState(false);

  const login = useMutation({
    mutationFn: (body: { email: string; password: string; code?: string }) =>
      read(UserEnvelopeSchema, api.POST("/api/auth/login", { body })),
    onSuccess: async ({ user }) => {
      signedIn(user);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === "two_factor_required") {
        setFormError(
          needsCode ? "That code is not right. Enter the current code, or a recovery code." : null,
        );
        setNeedsCode(true);
      } else if (isApiError(error) && error.code === "account_suspended") {
        // The rule and the reason, as the server words them (never "wrong e-mail or password").
        setFormError(error.detail ?? "This account is suspended.");
        setSuspended(true);
      } else if (isApiError(error, 401)) setFormError("Wrong e-mail or password.");
      else if (isApiError(error, 429)) setFormError(rateLimitMessage(error.retryAfterSeconds));
      else setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormError(null);
    const result = validate(
      LoginBodySchema,
      { email: textOf(form, "email").trim(), password: textOf(form, "password") },
      { email: "Enter your e-mail address.", password: "Enter your password." },
    );
    const code = textOf(form, "code").trim();
    submitValid(result, (body) => login.mutate(needsCode && code ? { ...body, code } : body));
  }

  return (
    <AuthLayout
      title="Sign in"
      other={{ question: "New to Atelier?", to: "/signup", label: "Create an account", redirect }}
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        {suspended ? (
          <p className="text-sm">
            <Link to="/appeal" className="font-medium text-brand-800 underline">
              Appeal the suspension
            </Link>
          </p>
        ) : null}
        <EmailField error={fieldErrors.email} onChange={() => clearError("email")} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
          onChange={() => clearError("password")}
        />
        {needsCode ? (
          <TextField
            label="Two-factor code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            autoFocus
          />
        ) : null}
        <Button type="submit" size="lg" className="w-full" loading={login.isPending}>
          Sign in
        </Button>
        <p className="text-sm">
          <Link to="/forgot-password" className="font-medium text-brand-800 underline">
            Forgot your password?
          </Link>
        </p>
      </form>
      <PasskeySignIn redirect={redirect} />
    </AuthLayout>
  );
}
