import { AuditLogPageSchema } from "@atelier/contracts/safety";
import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { api, read } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { AdminGate, AdminHeading } from "./AdminGate";

/** `/admin/audit-log`: every admin action, newest first. */
export function AdminAuditLogPage() {
  usePageTitle("Audit log");
  return (
    <AdminGate label="Loading the audit log">
      <AuditLog />
    </AdminGate>
  );
}

function AuditLog() {
  const log = useQuery({
    queryKey: ["admin", "audit-log"],
    queryFn: () =>
      read(AuditLogPageSchema, api.GET("/api/admin/audit-log", { params: { query: { limit: 100 } } })),
  });
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <AdminHeading title="Audit log">Every admin action, with the rule it applied and why.</AdminHeading>
      <div
        role="region"
        aria-label="Audit log, scrolls sideways on small screens"
        tabIndex={0}
        className="mt-8 overflow-x-auto"
      >
        {log.isPending ? (
          <LoadingRegion label="Loading the audit log">
            <Skeleton className="h-40 w-full" />
          </LoadingRegion>
        ) : log.isError ? (
          <ErrorState
            title="The audit log couldn’t load"
            error={log.error}
            onRetry={() => void log.refetch()}
            retrying={log.isFetching}
          />
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Admin actions, newest first</caption>
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-2 pr-4">
                  When
                </th>
                <th scope="col" className="py-2 pr-4">
                  Admin
                </th>
                <th scope="col" className="py-2 pr-4">
                  Action
                </th>
                <th scope="col" className="py-2 pr-4">
                  Subject
                </th>
                <th scope="col" className="py-2 pr-4">
                  Rule
                </th>
                <th scope="col" className="py-2">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.data.map((e) => (
                <tr key={e.id} className="border-b border-stone-100 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(e.at)}</td>
                  <td className="py-2 pr-4">@{e.actor.username}</td>
                  <td className="py-2 pr-4">{e.action}</td>
                  <td className="py-2 pr-4">
                    {e.subject.type} {e.subject.id}
                  </td>
                  <td className="py-2 pr-4">{e.rule ?? "—"}</td>
                  <td className="py-2">{e.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
