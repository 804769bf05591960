import { AdminUsersPageSchema, type AdminUser } from "@atelier/contracts";
import { SuspensionResultSchema, type SuspensionResult } from "@atelier/contracts/safety";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { SellerLevelBadge } from "../components/SellerLevelBadge";
import { LoadingRegion, PageSkeleton, Skeleton } from "../components/Skeleton";
import { ShowMore } from "../components/ShowMore";
import { TextField } from "../components/TextField";
import { api, describeError, isApiError, type Parser, read } from "../lib/api";
import { formatDate, formatRelativeTime } from "../lib/format";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";
import { NotFoundPage } from "./NotFoundPage";

const PAGE_SIZE = 20;

interface Candidate {
  id: string;
  username: string;
  displayName: string;
  level: string;
  eligibleSince: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** `GET /api/admin/top-rated-candidates` has no shared schema: a small guard reads it. */
const CandidatesParser: Parser<Candidate[]> = {
  parse(data) {
    if (!isRecord(data) || !Array.isArray(data.data)) throw new Error("not a candidate list");
    return data.data.map((item: unknown) => {
      if (
        !isRecord(item) ||
        typeof item.id !== "string" ||
        typeof item.username !== "string" ||
        typeof item.displayName !== "string" ||
        typeof item.level !== "string" ||
        typeof item.eligibleSince !== "string"
      )
        throw new Error("not a candidate");
      return {
        id: item.id,
        username: item.username,
        displayName: item.displayName,
        level: item.level,
        eligibleSince: item.eligibleSince,
      };
    });
  },
};

const LevelParser: Parser<{ level: string }> = {
  parse(data) {
    if (!isRecord(data) || typeof data.level !== "string") throw new Error("not a level");
    return { level: data.level };
  },
};

const adminUsersKey = ["admin-users"] as const;
const candidatesKey = ["admin-top-rated-candidates"] as const;

/** `/admin/users`: find people, suspend or reinstate them, and approve Top Rated promotions. */
export function AdminUsersPage() {
  usePageTitle("Users");
  const me = useMe();
  if (me.isPending) return <PageSkeleton label="Loading users" />;
  // Like the API, the page does not admit that it exists to people who are not admins.
  if (!me.data?.roles.includes("admin")) return <NotFoundPage />;
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Administration</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Users
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        Suspended people cannot sign in, their gigs leave search, and their open orders go to the dispute
        queue for review.
      </p>
      <TopRatedCandidates />
      <UserSearch selfId={me.data.id} />
    </div>
  );
}

function UserSearch({ selfId }: { selfId: string }) {
  const inputId = useId();
  const [q, setQ] = useState("");
  const users = useInfiniteQuery({
    queryKey: [...adminUsersKey, q],
    queryFn: ({ pageParam, signal }) =>
      read(
        AdminUsersPageSchema,
        api.GET("/api/admin/users", {
          params: { query: { limit: PAGE_SIZE, q: q || undefined, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = users.data?.pages.flatMap((page) => page.data) ?? [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("q");
    setQ(typeof value === "string" ? value.trim() : "");
  }

  if (users.isError && isApiError(users.error, 404)) return <NotFoundPage />;

  return (
    <section aria-labelledby="people-title" className="mt-10">
      <h2 id="people-title" className="text-xl font-semibold text-stone-900">
        Find people
      </h2>
      <form
        role="search"
        aria-labelledby="people-title"
        onSubmit={onSubmit}
        className="mt-3 flex flex-col gap-2 sm:flex-row"
      >
        <label htmlFor={inputId} className="sr-only">
          Username, name or e-mail
        </label>
        <input
          id={inputId}
          name="q"
          type="search"
          maxLength={100}
          defaultValue={q}
          placeholder="Username, name or e-mail"
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 focus:border-brand-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600/40"
        />
        <Button type="submit">Search</Button>
      </form>

      <div className="mt-6" aria-live="polite">
        {users.isPending ? (
          <LoadingRegion label="Loading users">
            <ul className="space-y-3">
              {[0, 1, 2].map((index) => (
                <li key={index} className="space-y-2 rounded-2xl border border-stone-200 bg-white p-4">
                  <Skeleton className="h-5 w-1/3" />
                  <Skeleton className="h-4 w-1/2" />
                </li>
              ))}
            </ul>
          </LoadingRegion>
        ) : users.isError ? (
          <ErrorState
            title="Users couldn’t load"
            error={users.error}
            onRetry={() => void users.refetch()}
            retrying={users.isFetching}
          />
        ) : items.length === 0 ? (
          <EmptyState title="No one matches">
            <p>{q ? `Nobody’s username, name or e-mail contains “${q}”.` : "There are no users yet."}</p>
          </EmptyState>
        ) : (
          <>
            <ul className="space-y-3">
              {items.map((user) => (
                <UserRow key={user.id} user={user} isSelf={user.id === selfId} />
              ))}
            </ul>
            <ShowMore pages={users}>Show more</ShowMore>
          </>
        )}
      </div>
    </section>
  );
}

function UserRow({ user: initial, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [rule, setRule] = useState("");
  const suspended = user.suspendedAt !== null;

  const change = useMutation({
    mutationFn: (action: "suspend" | "reinstate") =>
      read(
        SuspensionResultSchema,
        action === "suspend"
          ? api.POST("/api/admin/users/{id}/suspend", {
              params: { path: { id: user.id } },
              body: { reason: reason.trim(), rule: rule.trim() },
            })
          : api.POST("/api/admin/users/{id}/reinstate", { params: { path: { id: user.id } }, body: {} }),
      ),
    onMutate: () => setNotice(null),
    onSuccess: (result: SuspensionResult) => {
      setUser(result.user);
      setConfirming(false);
      const frozen = result.disputedOrderIds.length;
      setNotice(
        result.user.suspendedAt
          ? `@${result.user.username} is suspended.${
              frozen > 0
                ? ` ${frozen} open ${frozen === 1 ? "order went" : "orders went"} to the dispute queue.`
                : ""
            }`
          : `@${result.user.username} is reinstated.`,
      );
      void queryClient.invalidateQueries({ queryKey: adminUsersKey });
    },
  });

  return (
    <li className="rounded-2xl border border-stone-200 bg-white p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-stone-900">{user.displayName}</span>
            {suspended ? (
              // Suspended profiles are gone from public view, so there is nothing to link to.
              <span className="text-sm text-stone-600">@{user.username}</span>
            ) : (
              <Link
                to="/users/$username"
                params={{ username: user.username }}
                className="text-sm text-stone-600 hover:underline"
              >
                @{user.username}
              </Link>
            )}
            {user.sellerLevel ? <SellerLevelBadge level={user.sellerLevel} /> : null}
            {user.roles.includes("admin") ? (
              <span className="rounded-full border border-stone-300 px-2 py-0.5 text-xs font-semibold text-stone-700">
                Admin
              </span>
            ) : null}
            {suspended ? (
              <span className="rounded-full border border-red-200 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">
                Suspended
              </span>
            ) : null}
          </p>
          <p className="mt-1 truncate text-sm text-stone-600">
            {user.email} · joined {formatDate(user.createdAt)}
            {user.suspendedAt ? <> · suspended {formatRelativeTime(user.suspendedAt)}</> : null}
          </p>
        </div>
        {isSelf ? null : suspended ? (
          <Button
            variant="secondary"
            size="sm"
            loading={change.isPending}
            onClick={() => change.mutate("reinstate")}
            aria-label={`Reinstate @${user.username}`}
          >
            Reinstate
          </Button>
        ) : confirming ? null : (
          <Button
            variant="danger"
            size="sm"
            onClick={() => setConfirming(true)}
            aria-label={`Suspend @${user.username}`}
          >
            Suspend…
          </Button>
        )}
      </div>

      {confirming && !suspended ? (
        <div
          role="group"
          aria-label={`Confirm suspension of @${user.username}`}
          className="mt-3 rounded-xl border border-red-200 bg-red-50 p-4"
        >
          <p className="text-sm text-red-950">
            Suspend <span className="font-semibold">@{user.username}</span>? They are signed out everywhere,
            their gigs leave search and their open orders go to the dispute queue. They are told the rule and
            the reason when they try to sign in, and may appeal once.
          </p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <TextField
              label="Rule applied"
              value={rule}
              maxLength={200}
              required
              onChange={(e) => setRule(e.target.value)}
            />
            <TextField
              label="Reason (shown to them)"
              value={reason}
              maxLength={2000}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button
              variant="danger"
              size="sm"
              disabled={reason.trim() === "" || rule.trim() === ""}
              loading={change.isPending}
              onClick={() => change.mutate("suspend")}
            >
              Yes, suspend
            </Button>
            <Button
              variant="ghost"
              size="sm"
              disabled={change.isPending}
              onClick={() => setConfirming(false)}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : null}

      {change.isError ? (
        <div className="mt-3">
          <FormAlert>{describeError(change.error)}</FormAlert>
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="mt-3 text-sm text-stone-700">
          {notice}
        </p>
      ) : null}
    </li>
  );
}

function TopRatedCandidates() {
  const candidates = useQuery({
    queryKey: candidatesKey,
    queryFn: ({ signal }) => read(CandidatesParser, api.GET("/api/admin/top-rated-candidates", { signal })),
  });

  return (
    <section
      aria-labelledby="candidates-title"
      className="mt-8 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="candidates-title" className="text-xl font-semibold text-stone-900">
        Top Rated candidates
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Level 2 sellers who meet every Top Rated requirement. Promotion to Top Rated needs an admin’s
        approval.
      </p>
      <div className="mt-4">
        {candidates.isPending ? (
          <LoadingRegion label="Loading candidates">
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="mt-2 h-5 w-1/3" />
          </LoadingRegion>
        ) : candidates.isError ? (
          <ErrorState
            title="Candidates couldn’t load"
            error={candidates.error}
            onRetry={() => void candidates.refetch()}
            retrying={candidates.isFetching}
          />
        ) : candidates.data.length === 0 ? (
          <p className="text-stone-600">No one is waiting for Top Rated approval.</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {candidates.data.map((c) => (
              <CandidateRow key={c.id} candidate={c} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function CandidateRow({ candidate }: { candidate: Candidate }) {
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () =>
      read(
        LevelParser,
        api.POST("/api/admin/users/{id}/approve-top-rated", { params: { path: { id: candidate.id } } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminUsersKey });
    },
  });

  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <Link
          to="/users/$username"
          params={{ username: candidate.username }}
          className="font-medium text-stone-900 hover:underline"
        >
          {candidate.displayName}
        </Link>{" "}
        <span className="text-sm text-stone-600">
          @{candidate.username} · eligible since {formatDate(candidate.eligibleSince)}
        </span>
        {approve.isError ? (
          <div className="mt-2">
            <FormAlert>{describeError(approve.error)}</FormAlert>
          </div>
        ) : null}
      </div>
      {approve.isSuccess ? (
        <p role="status" className="text-sm font-medium text-brand-800">
          Approved: now Top Rated
        </p>
      ) : (
        <Button size="sm" loading={approve.isPending} onClick={() => approve.mutate()}>
          Approve Top Rated
        </Button>
      )}
    </li>
  );
}
