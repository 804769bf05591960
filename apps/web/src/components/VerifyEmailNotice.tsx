import { useMutation } from "@tanstack/react-query";
import { api, anything, describeError, read } from "../lib/api";
import { useMe } from "../lib/session";

/** Asks a signed-in person whose e-mail is not confirmed yet to confirm it, with a resend button. */
export function VerifyEmailNotice() {
  const me = useMe();
  const resend = useMutation({
    mutationFn: () => read(anything, api.POST("/api/me/verify-email/resend")),
  });
  if (!me.data) return null;
  return (
    <div role="region" aria-label="Confirm your e-mail" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm text-amber-950 sm:px-6">
        <span>Please confirm your e-mail address: we sent a link to {me.data.email}.</span>
        {resend.isSuccess ? (
          <span role="status">A new link is on its way.</span>
        ) : (
          <button
            type="button"
            className="font-medium underline disabled:opacity-60"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            Send the link again
          </button>
        )}
        {resend.isError ? <span role="alert">{describeError(resend.error)}</span> : null}
      </div>
    </div>
  );
}
