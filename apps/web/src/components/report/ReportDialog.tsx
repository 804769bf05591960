import { CreatedReportSchema, type ReportReason } from "@atelier/contracts/safety";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { api, describeError, read } from "../../lib/api";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { TextAreaField } from "../TextField";
import type { ReportSubject } from "./ReportButton";

const REASONS: { value: ReportReason; label: string }[] = [
  { value: "scam", label: "Scam or fraud" },
  { value: "off_platform", label: "Asks to pay or talk outside Atelier" },
  { value: "prohibited", label: "Prohibited service" },
  { value: "harassment", label: "Harassment or abuse" },
  { value: "plagiarism", label: "Copied someone else's work" },
  { value: "undisclosed_ai", label: "AI use not disclosed" },
  { value: "other", label: "Something else" },
];

/** A modal form: why the subject breaks the rules, sent to the admins' report queue. */
export function ReportDialog({
  subject,
  noun,
  onClose,
}: {
  subject: ReportSubject;
  noun: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState<ReportReason>("scam");
  const [details, setDetails] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const send = useMutation({
    mutationFn: () =>
      read(
        CreatedReportSchema,
        api.POST("/api/reports", { body: { subject, reason, details: details.trim() } }),
      ),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-stone-200 bg-white p-6 text-stone-800 shadow-xl backdrop:bg-stone-900/40"
    >
      <h2 id={titleId} className="font-display text-xl font-semibold text-stone-900">
        Report this {noun}
      </h2>
      {send.isSuccess ? (
        <div className="mt-3 space-y-4">
          <p role="status">Thank you. An admin will look at your report.</p>
          <Button autoFocus onClick={onClose}>
            Close
          </Button>
        </div>
      ) : (
        <form className="mt-3 space-y-4" onSubmit={onSubmit} noValidate>
          <div className="space-y-1.5">
            <label htmlFor={reasonId} className="block text-sm font-medium text-stone-800">
              Reason
            </label>
            <select
              id={reasonId}
              value={reason}
              onChange={(e) => setReason(e.target.value as ReportReason)}
              className="block w-full rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base"
            >
              {REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <TextAreaField
            label="Details (optional)"
            rows={4}
            maxLength={2000}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
          />
          {send.isError ? <FormAlert>{describeError(send.error)}</FormAlert> : null}
          <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
            <Button type="button" variant="ghost" onClick={onClose} disabled={send.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" loading={send.isPending}>
              Send report
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
