import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { EmailField, TextField } from "../../components/TextField";
import { anything, api, describeError, isApiError, read } from "../../lib/api";
import { textOf } from "../../lib/forms";
import { usePageTitle } from "../../lib/usePageTitle";

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:px-6 sm:py-16">
      <h1 className="font-display text-3xl font-semibold tracking-tight text-stone-900">{title}</h1>
      <div className="mt-6 space-y-5">{children}</div>
    </div>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
    >
      {children}
    </div>
  );
}

/** A weak-password or validation message from the API, as one sentence. */
export function passwordProblem(error: unknown): string {
  if (isApiError(error) && error.code === "weak_password")
    return error.detail ?? "This password is too easy to guess.";
  if (isApiError(error, 400)) {
    const fields = error.fieldErrors();
    const first = Object.values(fields)[0];
    if (first) return `The password ${first}.`;
  }
  return describeError(error);
}

/** `/forgot-password`: asks for the e-mail; the answer is the same whether the account exists. */
export function ForgotPasswordPage() {
  usePageTitle("Forgot password");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (email: string) => read(anything, api.POST("/api/auth/password-reset", { body: { email } })),
    onSuccess: () => setSent(true),
    onError: (e) => setError(describeError(e)),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const email = textOf(new FormData(event.currentTarget), "email").trim();
    if (!email) {
      setError("Enter the e-mail address of your account.");
      return;
    }
    request.mutate(email);
  }
  return (
    <Panel title="Forgot your password?">
      {sent ? (
        <Notice>
          If an account uses this address, we have sent it a link to choose a new password. The link works
          once, for one hour.
        </Notice>
      ) : (
        <form noValidate onSubmit={onSubmit} className="space-y-5">
          <p className="text-stone-600">
            Enter your e-mail address and we will send you a link to choose a new one.
          </p>
          {error ? <FormAlert>{error}</FormAlert> : null}
          <EmailField />
          <Button type="submit" size="lg" className="w-full" loading={request.isPending}>
            Send the link
          </Button>
        </form>
      )}
      <p className="text-sm text-stone-600">
        <Link to="/login" className="font-medium text-brand-800 underline">
          Back to sign in
        </Link>
      </p>
    </Panel>
  );
}

function tokenFromSearch(search: Record<string, unknown>): string {
  return typeof search.token === "string" ? search.token : "";
}

/** `/reset-password?token=…`: chooses the new password. */
export function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const search: Record<string, unknown> = useSearch({ strict: false });
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const confirm = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      read(anything, api.POST("/api/auth/password-reset/confirm", { body })),
    onSuccess: () => setDone(true),
    onError: (e) => {
      if (isApiError(e) && e.code === "invalid_token")
        setError("This link was already used or has expired. Ask for a new one.");
      else setError(passwordProblem(e));
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const password = textOf(form, "password");
    if (password.length < 10) {
      setError("Use at least 10 characters.");
      return;
    }
    if (password !== textOf(form, "repeat")) {
      setError("The two passwords are not the same.");
      return;
    }
    confirm.mutate({ token: tokenFromSearch(search), password });
  }
  if (done)
    return (
      <Panel title="Password changed">
        <Notice>Your new password is set. Every device that was signed in has been signed out.</Notice>
        <Button size="lg" onClick={() => void navigate({ to: "/login" })}>
          Sign in
        </Button>
      </Panel>
    );
  return (
    <Panel title="Choose a new password">
      <form noValidate onSubmit={onSubmit} className="space-y-5">
        {error ? (
          <FormAlert>
            {error}{" "}
            <Link to="/forgot-password" className="underline">
              Ask for a new link
            </Link>
          </FormAlert>
        ) : null}
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
        <TextField
          label="Repeat the new password"
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
        />
        <p className="text-sm text-stone-600">
          A few unrelated words make a strong password that is easy to remember.
        </p>
        <Button type="submit" size="lg" className="w-full" loading={confirm.isPending}>
          Set the new password
        </Button>
      </form>
    </Panel>
  );
}

/** `/verify-email?token=…`: confirms the address with one click. */
export function VerifyEmailPage() {
  usePageTitle("Confirm your e-mail");
  const search: Record<string, unknown> = useSearch({ strict: false });
  const verify = useMutation({
    mutationFn: (token: string) => read(anything, api.POST("/api/auth/verify-email", { body: { token } })),
  });
  return (
    <Panel title="Confirm your e-mail address">
      {verify.isSuccess ? (
        <Notice>Thank you, your e-mail address is confirmed.</Notice>
      ) : (
        <>
          {verify.isError ? (
            <FormAlert>
              {isApiError(verify.error) && verify.error.code === "invalid_token"
                ? "This link was already used or has expired. Send a new one from your security settings."
                : describeError(verify.error)}
            </FormAlert>
          ) : null}
          <Button size="lg" loading={verify.isPending} onClick={() => verify.mutate(tokenFromSearch(search))}>
            Confirm my address
          </Button>
        </>
      )}
      <p className="text-sm text-stone-600">
        <Link to="/" className="font-medium text-brand-800 underline">
          Go to Atelier
        </Link>
      </p>
    </Panel>
  );
}
