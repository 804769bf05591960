import { LoginBodySchema, UserEnvelopeSchema } from "@atelier/contracts";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useRef, useState, type FormEvent } from "react";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";
import { api, describeError, isApiError } from "../lib/api";
import { focusFirstError, textOf, validate, type FieldErrors } from "../lib/forms";
import { safeRedirect, useSignedIn } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

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
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post("/api/auth/login", body, UserEnvelopeSchema),
    onSuccess: async ({ user }) => {
      signedIn(user);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 401)) setFormError("Wrong e-mail or password.");
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
    if (!result.ok) {
      setFieldErrors(result.errors);
      focusFirstError(formRef.current, FIELDS, result.errors);
      return;
    }
    setFieldErrors({});
    login.mutate(result.data);
  }

  function clearError(field: string) {
    if (field in fieldErrors) {
      setFieldErrors(({ [field]: _removed, ...rest }) => rest);
    }
  }

  return (
    <AuthLayout
      title="Sign in"
      intro={
        <>
          New to Atelier?{" "}
          <Link
            to="/signup"
            search={redirect ? { redirect } : {}}
            className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
          >
            Create an account
          </Link>
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          autoFocus
          error={fieldErrors.email}
          onChange={() => clearError("email")}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
          onChange={() => clearError("password")}
        />
        <Button type="submit" size="lg" className="w-full" loading={login.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
