import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { AlertIcon, CheckIcon, ShieldIcon } from "../../components/icons";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { formatDateTime } from "../../lib/format";
import { textOf } from "../../lib/forms";
import { usePageTitle } from "../../lib/usePageTitle";
import { verifyFile, verifyHash, type Verification } from "./verify.api";

const LICENCES: Record<string, string> = {
  personal: "Personal use",
  commercial: "Commercial use",
  full_transfer: "Full transfer of rights",
};
const AI_USE: Record<string, string> = {
  none: "No AI used",
  assisted: "AI-assisted (a person made the work)",
  generated: "Mainly AI-generated",
};
const LICENCE_STATUS: Record<string, string> = {
  pending: "pending (the creator is not paid yet)",
  granted: "granted (the creator was paid)",
  revoked: "revoked",
};

type Checked = { source: string; sha256: string; result: Verification };
type Input = { kind: "file"; file: File } | { kind: "hash"; sha256: string };

/** Public: anyone checks who made a delivered file, under which licence, and whether AI was involved. */
export function VerifyPage() {
  usePageTitle("Verify a file");
  const check = useMutation({
    mutationFn: async (input: Input): Promise<Checked> => {
      if (input.kind === "hash")
        return { source: "the pasted hash", sha256: input.sha256, result: await verifyHash(input.sha256) };
      const { sha256, result } = await verifyFile(input.file);
      return { source: input.file.name, sha256, result };
    },
  });
  const last = useRef<Input | null>(null);
  const run = (input: Input) => {
    last.current = input;
    check.mutate(input);
  };

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Content credentials</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Verify a file
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        Every file delivered on Atelier carries a credential signed by the marketplace: who made it, when,
        under which licence, and whether AI was involved. Check one here — no account needed. Your file is
        hashed in your browser; it is only sent to Atelier when its hash is unknown, to explain why.
      </p>

      <div className="mt-8 grid gap-6">
        <DropZone disabled={check.isPending} onFile={(file) => run({ kind: "file", file })} />
        <HashForm disabled={check.isPending} onHash={(sha256) => run({ kind: "hash", sha256 })} />
      </div>

      <section aria-labelledby="verify-result" className="mt-10">
        <h2 id="verify-result" className="sr-only">
          Result
        </h2>
        {check.isPending ? (
          <LoadingRegion label="Checking the file">
            <div className="space-y-3 rounded-2xl border border-stone-200 bg-white p-6">
              <Skeleton className="h-6 w-1/2" />
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-1/3" />
            </div>
          </LoadingRegion>
        ) : check.isError ? (
          <ErrorState
            title="We couldn't check this file"
            error={check.error}
            onRetry={() => last.current && check.mutate(last.current)}
          />
        ) : check.data ? (
          <Result checked={check.data} />
        ) : null}
      </section>
    </div>
  );
}

function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <label
      htmlFor={inputId}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`flex cursor-pointer flex-col items-center rounded-2xl border-2 border-dashed px-6 py-10 text-center transition-colors ${
        over ? "border-brand-600 bg-brand-50" : "border-stone-300 bg-white hover:border-stone-400"
      }`}
    >
      <ShieldIcon className="size-8 text-brand-700" />
      <span className="mt-3 font-medium text-stone-900">Drop a file here, or choose one</span>
      <span className="mt-1 text-sm text-stone-600">
        Images, PDFs, archives — any file delivered on Atelier
      </span>
      <input
        id={inputId}
        type="file"
        aria-label="File to verify"
        className="sr-only"
        disabled={disabled}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) onFile(file);
          event.currentTarget.value = "";
        }}
      />
    </label>
  );
}

function HashForm({ onHash, disabled }: { onHash: (sha256: string) => void; disabled: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = textOf(new FormData(event.currentTarget), "sha256").trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(value)) {
      setError("A SHA-256 hash is 64 characters, 0–9 and a–f.");
      return;
    }
    setError(null);
    onHash(value);
  };
  return (
    <form onSubmit={submit} noValidate className="rounded-2xl border border-stone-200 bg-white p-6">
      <label htmlFor={id} className="block font-medium text-stone-900">
        Or paste a SHA-256 hash
      </label>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row">
        <input
          id={id}
          name="sha256"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-11 min-w-0 flex-1 rounded-xl border border-stone-300 px-3 font-mono text-sm text-stone-900"
          placeholder="e.g. 9f86d081884c7d659a2feaa0c55ad015…"
        />
        <Button type="submit" disabled={disabled}>
          Check hash
        </Button>
      </div>
      {error ? (
        <div id={`${id}-error`} className="mt-3">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
    </form>
  );
}

function Result({ checked }: { checked: Checked }) {
  const { result, sha256, source } = checked;
  if (!result.verified) {
    const why =
      result.reason === "tampered"
        ? "This file carries an Atelier credential that no longer matches its contents: it was changed after delivery, or the credential was copied from another file."
        : result.reason === "unknown_key"
          ? "This file carries a content credential, but it was not signed by Atelier."
          : "No file with these exact contents was delivered on Atelier. A file that was edited, re-saved or converted has different contents.";
    return (
      <div role="status" className="rounded-2xl border border-amber-200 bg-amber-50 p-6">
        <p className="flex items-center gap-2 font-display text-xl font-semibold text-amber-900">
          <AlertIcon className="size-5" /> Not verified
        </p>
        <p className="mt-2 text-amber-900">{why}</p>
        <p className="mt-3 break-all font-mono text-xs text-amber-800">
          {source} · SHA-256 {sha256}
        </p>
      </div>
    );
  }
  const c = result.credential;
  return (
    <div role="status" className="rounded-2xl border border-emerald-200 bg-white p-6">
      <p className="flex items-center gap-2 font-display text-xl font-semibold text-emerald-800">
        <CheckIcon className="size-5" /> Verified by Atelier
      </p>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-stone-600">Author</dt>
        <dd className="text-stone-900">
          {c.seller.displayName}{" "}
          <Link
            to="/users/$username"
            params={{ username: c.seller.username }}
            className="text-brand-700 underline"
          >
            @{c.seller.username}
          </Link>
        </dd>
        <dt className="font-medium text-stone-600">Licence</dt>
        <dd className="text-stone-900">
          {LICENCES[c.licence.kind] ?? c.licence.kind} —{" "}
          {LICENCE_STATUS[c.licence.status] ?? c.licence.status}
        </dd>
        <dt className="font-medium text-stone-600">AI</dt>
        <dd className="text-stone-900">
          {AI_USE[c.aiUse] ?? c.aiUse}
          {c.aiTools.length > 0 ? ` (${c.aiTools.join(", ")})` : ""}
        </dd>
        <dt className="font-medium text-stone-600">AI training</dt>
        <dd className="text-stone-900">
          {c.aiTraining === "allowed"
            ? "The creator allows AI training"
            : "The creator does not allow AI training"}
        </dd>
        <dt className="font-medium text-stone-600">Signed</dt>
        <dd className="text-stone-900">{formatDateTime(c.deliveredAt)}</dd>
        <dt className="font-medium text-stone-600">Embedded C2PA manifest</dt>
        <dd className="text-stone-900">{c.c2pa ? "Yes" : "No (receipt only for this file type)"}</dd>
        <dt className="font-medium text-stone-600">Signing key</dt>
        <dd className="break-all font-mono text-xs text-stone-900">{c.keyId}</dd>
        <dt className="font-medium text-stone-600">SHA-256</dt>
        <dd className="break-all font-mono text-xs text-stone-900">{sha256}</dd>
      </dl>
    </div>
  );
}
