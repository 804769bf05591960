import { TokenSummarySchema } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { CheckIcon, CopyIcon, KeyIcon } from "../components/icons";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { TextField } from "../components/TextField";
import { api, describeError, isApiError, type Parser, read } from "../lib/api";
import { formatDate, formatRelativeTime } from "../lib/format";
import { sentence, textOf } from "../lib/forms";
import { usePageTitle } from "../lib/usePageTitle";

type TokenSummary = ReturnType<typeof TokenSummarySchema.parse>;

/** `GET /api/auth/tokens` → `{ data: [...] }` (a `nextCursor`, if the server adds one, is ignored). */
const TokenListParser: Parser<{ data: TokenSummary[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not a token list");
    }
    return { data: body.data.map((item) => TokenSummarySchema.parse(item)) };
  },
};
const tokensQueryKey = ["tokens"];

interface CreatedToken {
  id: string;
  name: string;
  token: string;
}

/** `POST /api/auth/tokens` → `{ id, name, token }`; only these fields are read. */
const CreatedTokenParser: Parser<CreatedToken> = {
  parse(data) {
    if (
      typeof data === "object" &&
      data !== null &&
      "id" in data &&
      typeof data.id === "string" &&
      "name" in data &&
      typeof data.name === "string" &&
      "token" in data &&
      typeof data.token === "string"
    ) {
      return { id: data.id, name: data.name, token: data.token };
    }
    throw new Error("not a created token");
  },
};

export function TokensPage() {
  usePageTitle("Access tokens");
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Settings</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Access tokens
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        Personal access tokens let scripts and other tools use the Atelier API as you. Send one as{" "}
        <code className="rounded bg-stone-100 px-1.5 py-0.5 text-sm text-stone-800">
          Authorization: Bearer &lt;token&gt;
        </code>
        . Treat them like passwords, and revoke any you no longer use.
      </p>

      <CreateTokenForm onCreated={setCreated} />
      {created ? <NewTokenPanel token={created} onDismiss={() => setCreated(null)} /> : null}
      <TokenList />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (name: string) => read(CreatedTokenParser, api.POST("/api/auth/tokens", { body: { name } })),
    onSuccess: async (token) => {
      formRef.current?.reset();
      onCreated(token);
      await queryClient.invalidateQueries({ queryKey: tokensQueryKey });
    },
    onError: (error) => {
      const fieldMessage = isApiError(error, 400) ? error.fieldErrors().name : undefined;
      if (fieldMessage) setNameError(sentence(fieldMessage));
      else setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const name = textOf(new FormData(event.currentTarget), "name").trim();
    if (!name) {
      setNameError("Give the token a name so you can recognise it later.");
      return;
    }
    if (name.length > 100) {
      setNameError("Use at most 100 characters.");
      return;
    }
    setNameError(undefined);
    create.mutate(name);
  }

  return (
    <section
      aria-labelledby="create-token-title"
      className="mt-10 rounded-2xl border border-stone-200 bg-white p-6"
    >
      <h2 id="create-token-title" className="text-lg font-semibold text-stone-900">
        Create a token
      </h2>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <div className="flex-1">
            <TextField
              label="Token name"
              name="name"
              maxLength={100}
              autoComplete="off"
              hint="Something to recognise it by, such as “CI deploys” or “Invoice export”."
              error={nameError}
              onChange={() => setNameError(undefined)}
            />
          </div>
          <Button type="submit" loading={create.isPending} className="sm:mt-7">
            Create token
          </Button>
        </div>
      </form>
    </section>
  );
}

function NewTokenPanel({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const inputId = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      document.getElementById(inputId)?.focus();
    }
  }

  return (
    <section
      role="status"
      aria-labelledby={`${inputId}-title`}
      className="mt-6 rounded-2xl border border-brand-200 bg-brand-50 p-6"
    >
      <h2 id={`${inputId}-title`} className="font-semibold text-brand-900">
        Your new token “{token.name}”
      </h2>
      <p className="mt-1 text-sm text-brand-900">
        Copy it now. For your security it won’t be shown again; if you lose it, revoke it and create a new
        one.
      </p>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row">
        <label htmlFor={inputId} className="sr-only">
          New token value
        </label>
        <input
          id={inputId}
          readOnly
          value={token.token}
          onFocus={(event) => event.currentTarget.select()}
          className="h-11 min-w-0 flex-1 rounded-xl border border-brand-200 bg-white px-3.5 font-mono text-sm text-stone-900"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? <CheckIcon className="size-4" /> : <CopyIcon className="size-4" />}
          {copied ? "Copied" : "Copy token"}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </section>
  );
}

function TokenList() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensQueryKey,
    queryFn: ({ signal }) => read(TokenListParser, api.GET("/api/auth/tokens", { signal })),
  });
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const revoke = useMutation({
    mutationFn: (id: string) => api.DELETE("/api/auth/tokens/{id}", { params: { path: { id } } }),
    onMutate: () => setRevokeError(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
    onError: (error) => {
      if (isApiError(error, 404)) {
        void queryClient.invalidateQueries({ queryKey: tokensQueryKey });
        return;
      }
      setRevokeError(describeError(error));
    },
  });

  return (
    <section aria-labelledby="token-list-title" className="mt-12">
      <h2 id="token-list-title" className="font-display text-xl font-semibold text-stone-900">
        Your tokens
      </h2>
      <div className="mt-4">
        {revokeError ? <FormAlert>{revokeError}</FormAlert> : null}
        {tokens.isPending ? (
          <LoadingRegion label="Loading tokens">
            <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
              {[0, 1, 2].map((index) => (
                <li key={index} className="flex items-center justify-between gap-4 p-5">
                  <div className="flex-1 space-y-2">
                    <Skeleton className="h-4 w-40" />
                    <Skeleton className="h-3.5 w-64 max-w-full" />
                  </div>
                  <Skeleton className="h-9 w-20 rounded-full" />
                </li>
              ))}
            </ul>
          </LoadingRegion>
        ) : tokens.isError ? (
          <ErrorState
            title="Your tokens couldn’t load"
            error={tokens.error}
            onRetry={() => void tokens.refetch()}
            retrying={tokens.isFetching}
          />
        ) : tokens.data.data.length === 0 ? (
          <EmptyState icon={<KeyIcon className="size-6" />} title="No access tokens yet">
            <p>Create one above to call the API from a script, a CI job or another app.</p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
            {tokens.data.data.map((token) => {
              const revoking = revoke.isPending && revoke.variables === token.id;
              return (
                <li
                  key={token.id}
                  className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="flex items-center gap-2 font-medium text-stone-900">
                      <KeyIcon className="size-4 shrink-0 text-stone-500" />
                      <span className="truncate">{token.name}</span>
                    </p>
                    <p className="mt-1 text-sm text-stone-600">
                      Created <time dateTime={token.createdAt}>{formatDate(token.createdAt)}</time>
                      {" · "}
                      {token.lastUsedAt ? (
                        <>
                          Last used{" "}
                          <time dateTime={token.lastUsedAt}>{formatRelativeTime(token.lastUsedAt)}</time>
                        </>
                      ) : (
                        "Never used"
                      )}
                    </p>
                  </div>
                  <Button
                    variant="danger"
                    size="sm"
                    loading={revoking}
                    disabled={revoke.isPending}
                    aria-label={`Revoke ${token.name}`}
                    onClick={() => revoke.mutate(token.id)}
                  >
                    Revoke
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
