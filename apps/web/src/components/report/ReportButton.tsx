import { lazy, Suspense, useState } from "react";
import { useMe } from "../../lib/session";

// The dialog is its own chunk: it loads when someone opens it, not with every gig page.
const ReportDialog = lazy(() => import("./ReportDialog").then((m) => ({ default: m.ReportDialog })));

export type ReportSubject = { type: "gig" | "user" | "message" | "review"; id: string };

const NOUN: Record<ReportSubject["type"], string> = {
  gig: "gig",
  user: "profile",
  message: "message",
  review: "review",
};

/** A small "Report" link that opens the report dialog; shown to signed-in people only. */
export function ReportButton({ subject, className = "" }: { subject: ReportSubject; className?: string }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!me.data) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Report this ${NOUN[subject.type]}`}
        className={`text-sm text-stone-600 underline-offset-2 hover:text-red-700 hover:underline ${className}`}
      >
        Report
      </button>
      {open ? (
        <Suspense fallback={null}>
          <ReportDialog subject={subject} noun={NOUN[subject.type]} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
