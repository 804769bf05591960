import type { Order } from "@atelier/contracts";
import { useId, useRef, useState, type FormEvent } from "react";
import { uploadFile } from "../../lib/api";

import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { CheckIcon } from "../icons";
import { TextAreaField } from "../TextField";
import { FileInput } from "./FileInput";
import { actionError, useOrderAction } from "./useOrderAction";
import { textOf } from "../../lib/forms";

type Requirement = Order["requirements"][number];

/**
 * The gig's questions: a form for the buyer while the order waits for them, the answers afterwards.
 * The seller may start without them.
 */
export function RequirementsSection({ order }: { order: Order }) {
  const canSubmit = order.actions.includes("submit_requirements");
  const canStart = order.actions.includes("start_work");
  const start = useOrderAction(order.id);

  return (
    <section
      aria-labelledby="requirements-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="requirements-title" className="text-lg font-semibold text-stone-900">
        Requirements
      </h2>
      {canSubmit ? (
        <RequirementsForm order={order} />
      ) : order.requirementsSubmitted ? (
        <Answers requirements={order.requirements} />
      ) : order.status === "awaiting_requirements" ? (
        <div className="mt-2 space-y-4 text-stone-700">
          <p>
            {order.viewerRole === "seller"
              ? `${order.buyer.displayName} hasn’t sent the requirements yet. The delivery clock starts when they do, or when you start without them.`
              : "The buyer hasn’t sent the requirements yet."}
          </p>
          {canStart ? (
            <div className="space-y-2">
              {start.isError ? <FormAlert>{actionError(start.error)}</FormAlert> : null}
              <Button
                variant="secondary"
                loading={start.isPending}
                onClick={() => start.mutate({ path: "/start" })}
              >
                Start without requirements
              </Button>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-stone-700">
          {order.requirements.length === 0
            ? "This service needs no requirements."
            : "The work started without answers to the requirements."}
        </p>
      )}
    </section>
  );
}

function Answers({ requirements }: { requirements: Requirement[] }) {
  if (requirements.length === 0)
    return <p className="mt-2 text-stone-700">This service needs no requirements.</p>;
  return (
    <dl className="mt-4 space-y-4">
      {requirements.map((req) => (
        <div key={req.id}>
          <dt className="text-sm font-medium text-stone-800">{req.question}</dt>
          <dd className="mt-1 text-stone-700">
            {req.answer === null ? (
              <span className="text-stone-500">No answer</span>
            ) : (
              <>
                {req.answer.text ? <p className="whitespace-pre-line">{req.answer.text}</p> : null}
                {req.answer.choice ? <p>{req.answer.choice}</p> : null}
                {req.answer.fileIds && req.answer.fileIds.length > 0 ? (
                  <ul className="mt-1 flex flex-wrap gap-2">
                    {req.answer.fileIds.map((id, index) => (
                      <li key={id}>
                        <a
                          href={`/api/files/${encodeURIComponent(id)}`}
                          className="inline-flex items-center rounded-full border border-stone-200 px-3 py-1 text-sm text-brand-800 hover:bg-stone-50"
                        >
                          Attachment {index + 1}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {!req.answer.text && !req.answer.choice && !req.answer.fileIds?.length ? (
                  <span className="text-stone-500">No answer</span>
                ) : null}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RequirementsForm({ order }: { order: Order }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const submit = useOrderAction(order.id);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const nextErrors: Record<string, string> = {};
    for (const req of order.requirements) {
      if (!req.required) continue;
      const missing =
        req.kind === "file" ? (files[req.id]?.length ?? 0) === 0 : textOf(data, req.id).trim() === "";
      if (missing) nextErrors[req.id] = req.kind === "choice" ? "Choose one." : "This one is required.";
    }
    setErrors(nextErrors);
    const first = order.requirements.find((req) => req.id in nextErrors);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first.id}"]`)?.focus();
      return;
    }
    try {
      setUploading(true);
      const answers = [];
      for (const req of order.requirements) {
        if (req.kind === "file") {
          const picked = files[req.id] ?? [];
          if (picked.length === 0) continue;
          const fileIds: string[] = [];
          for (const file of picked) fileIds.push((await uploadFile(file)).id);
          answers.push({ requirementId: req.id, fileIds });
        } else {
          const value = textOf(data, req.id).trim();
          if (!value) continue;
          answers.push(
            req.kind === "choice"
              ? { requirementId: req.id, choice: value }
              : { requirementId: req.id, text: value },
          );
        }
      }
      setUploading(false);
      await submit.mutateAsync({ path: "/requirements", body: { answers } });
    } catch (error) {
      setUploading(false);
      setFormError(actionError(error));
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(event) => void onSubmit(event)} className="mt-2 space-y-5">
      <p className="text-stone-700">
        {order.seller.displayName} needs these answers to start. The delivery clock starts when you send them.
      </p>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      {order.requirements.length === 0 ? (
        <p className="text-stone-700">This service needs no further details: send to start the order.</p>
      ) : null}
      {order.requirements.map((req) => {
        const label = `${req.question}${req.required ? "" : " (optional)"}`;
        if (req.kind === "choice") {
          return <ChoiceQuestion key={req.id} requirement={req} label={label} error={errors[req.id]} />;
        }
        if (req.kind === "file") {
          return (
            <FileInput
              key={req.id}
              name={req.id}
              label={label}
              files={files[req.id] ?? []}
              onChange={(picked) => setFiles((current) => ({ ...current, [req.id]: picked }))}
              error={errors[req.id]}
            />
          );
        }
        return (
          <TextAreaField
            key={req.id}
            label={label}
            name={req.id}
            rows={4}
            maxLength={5000}
            required={req.required}
            error={errors[req.id]}
          />
        );
      })}
      <Button type="submit" loading={uploading || submit.isPending}>
        <CheckIcon className="size-4" />
        Send requirements and start
      </Button>
    </form>
  );
}

function ChoiceQuestion({
  requirement,
  label,
  error,
}: {
  requirement: Requirement;
  label: string;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-stone-800">{label}</legend>
      <div className="mt-2 flex flex-wrap gap-2">
        {(requirement.choices ?? []).map((choice) => (
          <label
            key={choice}
            className="flex cursor-pointer items-center gap-2 rounded-full border border-stone-300 px-3.5 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input type="radio" name={requirement.id} value={choice} className="accent-brand-700" />
            {choice}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
