import { CreatedAppealSchema } from "@atelier/contracts/safety";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { TextAreaField, TextField } from "../../components/TextField";
import { api, describeError, isApiError, read } from "../../lib/api";
import { usePageTitle } from "../../lib/usePageTitle";

/**
 * `/appeal`: a suspended user, who cannot sign in, appeals once per suspension. Their e-mail and
 * password prove who they are; an admin other than the one who suspended them decides.
 */
export function AppealPage() {
  usePageTitle("Appeal a suspension");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [text, setText] = useState("");
  const send = useMutation({
    mutationFn: () =>
      read(
        CreatedAppealSchema,
        api.POST("/api/appeals", { body: { email: email.trim(), password, text: text.trim() } }),
      ),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const error = send.error;
  return (
    <div className="mx-auto max-w-lg px-4 py-10 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight text-stone-900">
        Appeal a suspension
      </h1>
      <p className="mt-3 text-stone-600">
        Tell us why the suspension should be lifted. You can appeal once per suspension; another admin than
        the one who suspended you decides.
      </p>
      {send.isSuccess ? (
        <p role="status" className="mt-6 rounded-xl bg-green-50 p-4 text-green-900">
          Your appeal is recorded. You will be able to sign in again if it is accepted.
        </p>
      ) : (
        <form className="mt-6 space-y-4" onSubmit={onSubmit}>
          <TextField
            label="E-mail"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <TextAreaField
            label="Your appeal"
            required
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {error ? (
            <FormAlert>
              {isApiError(error, 401) ? "Wrong e-mail or password." : describeError(error)}
            </FormAlert>
          ) : null}
          <Button
            type="submit"
            loading={send.isPending}
            disabled={!email.trim() || !password || !text.trim()}
          >
            Send appeal
          </Button>
        </form>
      )}
    </div>
  );
}
