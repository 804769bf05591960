import { pageOf } from "@atelier/contracts";
import { AppealSchema, type Appeal } from "@atelier/contracts/safety";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { TextField } from "../../components/TextField";
import { api, describeError, read } from "../../lib/api";
import { formatRelativeTime } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { AdminGate, AdminHeading } from "./AdminGate";

const AppealPage = pageOf(AppealSchema);
const appealsKey = ["admin", "appeals", "open"] as const;

/** `/admin/appeals`: open appeals; an admin other than the one who suspended decides each. */
export function AdminAppealsPage() {
  usePageTitle("Appeals");
  return (
    <AdminGate label="Loading appeals">
      <Appeals />
    </AdminGate>
  );
}

function Appeals() {
  const appeals = useQuery({
    queryKey: appealsKey,
    queryFn: () =>
      read(AppealPage, api.GET("/api/admin/appeals", { params: { query: { status: "open", limit: 50 } } })),
  });
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <AdminHeading title="Appeals">
        One appeal per suspension. The admin who suspended the account cannot decide its appeal.
      </AdminHeading>
      <div className="mt-8">
        {appeals.isPending ? (
          <LoadingRegion label="Loading appeals">
            <Skeleton className="h-24 w-full" />
          </LoadingRegion>
        ) : appeals.isError ? (
          <ErrorState
            title="The appeals couldn’t load"
            error={appeals.error}
            onRetry={() => void appeals.refetch()}
            retrying={appeals.isFetching}
          />
        ) : appeals.data.data.length === 0 ? (
          <EmptyState title="No open appeals">
            <p>Appeals from suspended people will appear here.</p>
          </EmptyState>
        ) : (
          <ul className="space-y-4">
            {appeals.data.data.map((a) => (
              <AppealItem key={a.id} appeal={a} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function AppealItem({ appeal }: { appeal: Appeal }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (outcome: "upheld" | "lifted") =>
      read(
        AppealSchema,
        api.POST("/api/admin/appeals/{id}/decide", {
          params: { path: { id: appeal.id } },
          body: { outcome, note: note.trim() },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: appealsKey }),
  });
  const s = appeal.suspension;
  return (
    <li
      className="rounded-2xl border border-stone-200 bg-white p-5"
      aria-label={`Appeal of @${appeal.user.username}`}
    >
      <p className="font-medium text-stone-900">@{appeal.user.username}</p>
      <p className="text-sm text-stone-600">
        Suspended by @{s.suspendedBy.username} {formatRelativeTime(s.createdAt)} under “{s.rule}”: {s.reason}
      </p>
      <p className="mt-3 whitespace-pre-line text-stone-800">{appeal.text}</p>
      <div className="mt-4 space-y-3">
        <TextField label="Decision note" value={note} onChange={(e) => setNote(e.target.value)} />
        {decide.isError ? <FormAlert>{describeError(decide.error)}</FormAlert> : null}
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={!note.trim()}
            loading={decide.isPending}
            onClick={() => decide.mutate("lifted")}
          >
            Lift the suspension
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={!note.trim() || decide.isPending}
            onClick={() => decide.mutate("upheld")}
          >
            Uphold
          </Button>
        </div>
      </div>
    </li>
  );
}
