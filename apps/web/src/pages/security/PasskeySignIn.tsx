import { UserEnvelopeSchema } from "@atelier/contracts";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { api, describeError, isApiError, read } from "../../lib/api";
import { safeRedirect, useSignedIn } from "../../lib/session";
import { PasskeyOptionsParser } from "./SecurityPage";

/** "Sign in with a passkey" on the login page (discoverable credentials: no e-mail needed). */
export function PasskeySignIn({ redirect }: { redirect: string | undefined }) {
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const passkey = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await read(
        PasskeyOptionsParser,
        api.POST("/api/auth/passkeys/options"),
      );
      const response = await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
      });
      return read(
        UserEnvelopeSchema,
        api.POST("/api/auth/passkeys/login", { body: { challengeId, response: { ...response } } }),
      );
    },
    onSuccess: async ({ user }) => {
      signedIn(user);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
  });
  return (
    <div className="mt-6 space-y-3 border-t border-stone-200 pt-6">
      {/* Not "Sign in …": the password form's button is "Sign in", and names must stay distinct. */}
      <p className="text-sm text-stone-600">
        Or sign in without a password, with a passkey saved on this device.
      </p>
      {passkey.isError ? (
        <FormAlert>
          {isApiError(passkey.error)
            ? describeError(passkey.error)
            : "Signing in with a passkey did not work."}
        </FormAlert>
      ) : null}
      <Button
        variant="secondary"
        size="lg"
        className="w-full"
        loading={passkey.isPending}
        onClick={() => passkey.mutate()}
      >
        Continue with a passkey
      </Button>
    </div>
  );
}
