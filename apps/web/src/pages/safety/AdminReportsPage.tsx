import { pageOf } from "@atelier/contracts";
import { ReportSchema, type Report, type ReportAction } from "@atelier/contracts/safety";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
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

const ReportPage = pageOf(ReportSchema);
const reportsKey = ["admin", "reports", "open"] as const;

/** `/admin/reports`: the open report queue, each with the subject's snapshot and evidence. */
export function AdminReportsPage() {
  usePageTitle("Reports");
  return (
    <AdminGate label="Loading reports">
      <Queue />
    </AdminGate>
  );
}

function Queue() {
  const reports = useQuery({
    queryKey: reportsKey,
    queryFn: () =>
      read(ReportPage, api.GET("/api/admin/reports", { params: { query: { status: "open", limit: 50 } } })),
  });
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <AdminHeading title="Reports">
        What people reported and what the platform flagged. Every resolution cites the rule it applies.
      </AdminHeading>
      <div className="mt-8">
        {reports.isPending ? (
          <LoadingRegion label="Loading reports">
            <Skeleton className="h-24 w-full" />
          </LoadingRegion>
        ) : reports.isError ? (
          <ErrorState
            title="The reports couldn’t load"
            error={reports.error}
            onRetry={() => void reports.refetch()}
            retrying={reports.isFetching}
          />
        ) : reports.data.data.length === 0 ? (
          <EmptyState title="No open reports">
            <p>New reports will appear here.</p>
          </EmptyState>
        ) : (
          <ul className="space-y-4">
            {reports.data.data.map((r) => (
              <ReportItem key={r.id} report={r} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function ReportItem({ report }: { report: Report }) {
  const queryClient = useQueryClient();
  const actionId = useId();
  const [action, setAction] = useState<ReportAction>("dismiss");
  const [rule, setRule] = useState("");
  const [note, setNote] = useState("");
  const resolve = useMutation({
    mutationFn: () =>
      read(
        ReportSchema,
        api.POST("/api/admin/reports/{id}/resolve", {
          params: { path: { id: report.id } },
          body: { action, rule: rule.trim(), note: note.trim() },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportsKey }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    resolve.mutate();
  };
  const what = report.kind === "off_platform_contact" ? "Off-platform contact (flagged)" : report.reason;
  return (
    <li
      className="rounded-2xl border border-stone-200 bg-white p-5"
      aria-label={`Report on @${report.subject.username}`}
    >
      <p className="font-medium text-stone-900">
        {report.subject.type} of @{report.subject.username} · {what}
      </p>
      <p className="text-sm text-stone-600">
        {report.reporter ? `Reported by @${report.reporter.username} ` : "Opened by the platform "}
        {formatRelativeTime(report.createdAt)}
      </p>
      {report.details ? <p className="mt-2 text-stone-800">“{report.details}”</p> : null}
      {report.snapshot ? (
        <div className="mt-3 rounded-xl bg-stone-50 p-3 text-sm">
          <p className="font-medium">{report.snapshot.summary}</p>
          <p className="mt-1 whitespace-pre-line text-stone-700">{report.snapshot.text}</p>
        </div>
      ) : null}
      {report.evidence.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm" aria-label="Evidence">
          {report.evidence.map((e) => (
            <li key={e.messageId} className="rounded-lg bg-amber-50 px-3 py-2">
              {e.body}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="mt-4 grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
        <div className="space-y-1.5">
          <label htmlFor={actionId} className="block text-sm font-medium text-stone-800">
            Action
          </label>
          <select
            id={actionId}
            value={action}
            onChange={(e) => setAction(e.target.value as ReportAction)}
            className="block w-full rounded-xl border border-stone-300 bg-white px-3.5 py-2.5"
          >
            <option value="dismiss">Dismiss</option>
            <option value="remove">Remove the content</option>
            <option value="warn">Warn the owner</option>
            <option value="suspend">Suspend the owner</option>
          </select>
        </div>
        <TextField label="Rule applied" value={rule} required onChange={(e) => setRule(e.target.value)} />
        <TextField label="Note" value={note} required onChange={(e) => setNote(e.target.value)} />
        <div className="sm:col-span-3">
          {resolve.isError ? <FormAlert>{describeError(resolve.error)}</FormAlert> : null}
          <Button type="submit" size="sm" loading={resolve.isPending} disabled={!rule.trim() || !note.trim()}>
            Resolve
          </Button>
        </div>
      </form>
    </li>
  );
}
