import {
  PasskeySummarySchema,
  RecoveryCodesSchema,
  SessionSummarySchema,
  TwoFactorSetupSchema,
  type PasskeySummary,
  type SessionSummary,
} from "@atelier/contracts";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import QRCode from "qrcode";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { TextField } from "../../components/TextField";
import { anything, api, describeError, read, isApiError, type Parser } from "../../lib/api";
import { formatRelativeTime } from "../../lib/format";
import { textOf } from "../../lib/forms";
import { meQueryKey, useMe } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { passwordProblem } from "./AccountPages";

function listOf<T>(item: Parser<T>): Parser<{ data: T[] }> {
  return {
    parse(body) {
      if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data))
        throw new Error("not a list");
      return { data: body.data.map((x) => item.parse(x)) };
    },
  };
}

const OptionsParser: Parser<{ challengeId: string; options: Record<string, unknown> }> = {
  parse(body) {
    if (typeof body === "object" && body !== null && "challengeId" in body && "options" in body) {
      const { challengeId, options } = body;
      if (typeof challengeId === "string" && typeof options === "object" && options !== null)
        return { challengeId, options: options as Record<string, unknown> };
    }
    throw new Error("not passkey options");
  },
};
export { OptionsParser as PasskeyOptionsParser };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8 rounded-2xl border border-stone-200 bg-white p-6">
      <h2 id={id} className="text-lg font-semibold text-stone-900">
        {title}
      </h2>
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

function Done({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
    >
      {children}
    </p>
  );
}

/** `/settings/security`: password, two-factor, passkeys, sessions, export and deletion. */
export function SecurityPage() {
  usePageTitle("Security");
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Settings</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Security
      </h1>
      <PasswordSection />
      <TwoFactorSection />
      <PasskeysSection />
      <SessionsSection />
      <DataSection />
    </div>
  );
}

function PasswordSection() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      read(anything, api.PUT("/api/me/password", { body })),
    onSuccess: () => setDone(true),
    onError: (e) =>
      setError(
        isApiError(e) && e.code === "wrong_password" ? "The current password is wrong." : passwordProblem(e),
      ),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    const form = new FormData(event.currentTarget);
    const body = {
      currentPassword: textOf(form, "currentPassword"),
      newPassword: textOf(form, "newPassword"),
    };
    if (!body.currentPassword || body.newPassword.length < 10) {
      setError("Enter your current password and a new one of at least 10 characters.");
      return;
    }
    change.mutate(body, { onSuccess: () => (event.target as HTMLFormElement).reset() });
  }
  return (
    <Section id="password-title" title="Password">
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        {error ? <FormAlert>{error}</FormAlert> : null}
        {done ? <Done>Password changed. Your other devices were signed out.</Done> : null}
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
        />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" />
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </form>
    </Section>
  );
}

function TwoFactorSection() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!setup) return;
    let live = true;
    void QRCode.toDataURL(setup.otpauthUrl, { margin: 1, width: 200 }).then((url) => {
      if (live) setQr(url);
    });
    return () => {
      live = false;
    };
  }, [setup]);
  const begin = useMutation({
    mutationFn: () => read(TwoFactorSetupSchema, api.POST("/api/me/two-factor")),
    onSuccess: (s) => {
      setError(null);
      setSetup(s);
    },
    onError: (e) => setError(describeError(e)),
  });
  const confirm = useMutation({
    mutationFn: (code: string) =>
      read(RecoveryCodesSchema, api.POST("/api/me/two-factor/confirm", { body: { code } })),
    onSuccess: async ({ recoveryCodes }) => {
      setCodes(recoveryCodes);
      setSetup(null);
      setQr(null);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (e) =>
      setError(
        isApiError(e) && e.code === "invalid_code"
          ? "That code is not right; try the next one."
          : describeError(e),
      ),
  });
  const disable = useMutation({
    mutationFn: (code: string) => read(anything, api.DELETE("/api/me/two-factor", { body: { code } })),
    onSuccess: async () => {
      setCodes(null);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (e) =>
      setError(isApiError(e) && e.code === "invalid_code" ? "That code is not right." : describeError(e)),
  });
  const codeOf = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    return textOf(new FormData(event.currentTarget), "code").trim();
  };
  const enabled = me.data?.twoFactorEnabled ?? false;
  return (
    <Section id="two-factor-title" title="Two-factor sign-in">
      {error ? <FormAlert>{error}</FormAlert> : null}
      {codes ? (
        <div className="space-y-3">
          <Done>Two-factor sign-in is on.</Done>
          <p className="text-sm text-stone-700">
            Keep these recovery codes somewhere safe. Each one signs you in once if you lose your phone. They
            are shown only now.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-sm text-stone-900">
            {codes.map((c) => (
              <li key={c} className="rounded bg-stone-100 px-2 py-1">
                {c}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {enabled && !codes ? (
        <form noValidate onSubmit={(e) => disable.mutate(codeOf(e))} className="space-y-4">
          <p className="text-stone-700">Two-factor sign-in is on. To turn it off, enter a current code.</p>
          <TextField label="Code to turn off" name="code" inputMode="numeric" autoComplete="one-time-code" />
          <Button type="submit" variant="danger" loading={disable.isPending}>
            Turn off two-factor
          </Button>
        </form>
      ) : null}
      {!enabled && !setup ? (
        <>
          <p className="text-stone-700">
            Ask for a code from an authenticator app (such as Aegis, Google Authenticator or 1Password) when
            you sign in.
          </p>
          <Button onClick={() => begin.mutate()} loading={begin.isPending}>
            Set up two-factor
          </Button>
        </>
      ) : null}
      {setup ? (
        <form noValidate onSubmit={(e) => confirm.mutate(codeOf(e))} className="space-y-4">
          <p className="text-stone-700">
            Scan this code with your authenticator app, then enter the 6-digit code it shows.
          </p>
          {qr ? (
            <img src={qr} width={200} height={200} alt="QR code to add Atelier to your authenticator app" />
          ) : (
            <Skeleton className="size-[200px]" />
          )}
          <p className="text-sm text-stone-600">
            Can’t scan? Enter this key:{" "}
            <code
              data-testid="totp-secret"
              className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-stone-900"
            >
              {setup.secret}
            </code>
          </p>
          <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" />
          <Button type="submit" loading={confirm.isPending}>
            Turn on two-factor
          </Button>
        </form>
      ) : null}
    </Section>
  );
}

function PasskeysSection() {
  const queryClient = useQueryClient();
  const key = ["me-passkeys"];
  const list = useQuery({
    queryKey: key,
    queryFn: () => read(listOf(PasskeySummarySchema), api.GET("/api/me/passkeys")),
  });
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await read(OptionsParser, api.POST("/api/me/passkeys/options"));
      const response = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      return read(
        PasskeySummarySchema,
        api.POST("/api/me/passkeys", { body: { challengeId, response: { ...response } } }),
      );
    },
    onSuccess: async () => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) =>
      setError(e instanceof Error && !isApiError(e) ? "The passkey was not created." : describeError(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      read(anything, api.DELETE("/api/me/passkeys/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <Section id="passkeys-title" title="Passkeys">
      <p className="text-stone-700">
        Sign in with your fingerprint, face or device PIN instead of a password. A passkey counts as
        two-factor.
      </p>
      {error ? <FormAlert>{error}</FormAlert> : null}
      {list.isPending ? (
        <LoadingRegion label="Loading passkeys">
          <Skeleton className="h-10 w-full" />
        </LoadingRegion>
      ) : list.isError ? (
        <ErrorState title="Passkeys couldn’t load" error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Your passkeys">
          {list.data.data.map((p: PasskeySummary) => (
            <li key={p.id} className="flex items-center justify-between py-2">
              <span>
                <span className="font-medium text-stone-900">{p.name}</span>{" "}
                <span className="text-sm text-stone-600">
                  {p.lastUsedAt ? `used ${formatRelativeTime(p.lastUsedAt)}` : "never used"}
                </span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => remove.mutate(p.id)}
                aria-label={`Remove passkey ${p.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="secondary" onClick={() => add.mutate()} loading={add.isPending}>
        Add a passkey
      </Button>
    </Section>
  );
}

function SessionsSection() {
  const queryClient = useQueryClient();
  const key = ["me-sessions"];
  const list = useQuery({
    queryKey: key,
    queryFn: () => read(listOf(SessionSummarySchema), api.GET("/api/me/sessions")),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      read(anything, api.DELETE("/api/me/sessions/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <Section id="sessions-title" title="Where you are signed in">
      {list.isPending ? (
        <LoadingRegion label="Loading sessions">
          <Skeleton className="h-10 w-full" />
        </LoadingRegion>
      ) : list.isError ? (
        <ErrorState title="Sessions couldn’t load" error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Your sessions">
          {list.data.data.map((s: SessionSummary) => (
            <li key={s.id} className="flex items-center justify-between gap-4 py-2">
              <span className="min-w-0">
                <span className="block truncate font-medium text-stone-900">
                  {s.userAgent ?? "Unknown device"}
                </span>
                <span className="text-sm text-stone-600">
                  {s.ip ?? "unknown address"} · active {formatRelativeTime(s.lastSeenAt)}
                </span>
              </span>
              {s.current ? (
                <span className="text-sm font-medium text-emerald-800">This device</span>
              ) : (
                <Button variant="ghost" size="sm" onClick={() => revoke.mutate(s.id)}>
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function DataSection() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const exporter = useMutation({
    mutationFn: () => read(anything, api.GET("/api/me/export")),
    onSuccess: (data) => {
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = "atelier-export.json";
      a.click();
      URL.revokeObjectURL(url);
    },
  });
  const remove = useMutation({
    mutationFn: (password: string) => read(anything, api.DELETE("/api/me", { body: { password } })),
    onSuccess: async () => {
      queryClient.setQueryData(meQueryKey, null);
      await navigate({ to: "/" });
    },
    onError: (e) =>
      setError(
        isApiError(e) && e.code === "open_orders"
          ? (e.detail ?? "Finish your open orders first.")
          : isApiError(e) && e.code === "wrong_password"
            ? "The password is wrong."
            : describeError(e),
      ),
  });
  return (
    <Section id="data-title" title="Your data">
      <p className="text-stone-700">Download everything Atelier stores about you, as one JSON file.</p>
      {exporter.isError ? <FormAlert>{describeError(exporter.error)}</FormAlert> : null}
      <Button variant="secondary" onClick={() => exporter.mutate()} loading={exporter.isPending}>
        Download my data
      </Button>
      <form
        noValidate
        className="space-y-4 border-t border-stone-100 pt-4"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          remove.mutate(textOf(new FormData(event.currentTarget), "password"));
        }}
      >
        <h3 className="font-semibold text-stone-900">Delete my account</h3>
        <p className="text-sm text-stone-700">
          You can’t sign in again afterwards. Your reviews and messages stay, shown as from “Deleted user”;
          payment records are kept as the law requires. Not possible while an order is open.
        </p>
        {error ? <FormAlert>{error}</FormAlert> : null}
        <TextField
          label="Password to confirm"
          name="password"
          type="password"
          autoComplete="current-password"
        />
        <Button type="submit" variant="danger" loading={remove.isPending}>
          Delete my account
        </Button>
      </form>
    </Section>
  );
}
