import type { AiUse, Order, OrderMilestone } from "@atelier/contracts";
import { useState, type FormEvent } from "react";
import { formatDateTime } from "../../lib/format";
import { formatFileSize } from "../../lib/orders";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { AiBadge } from "../AiBadge";
import { TextAreaField, TextField } from "../TextField";
import { FileInput } from "./FileInput";
import { actionError, useOrderAction } from "./useOrderAction";
import { textOf } from "../../lib/forms";
import { uploadFile } from "../../lib/api";

/** Everything the seller delivered, newest first, and the seller's delivery form while work is open. */
export function DeliveriesSection({ order }: { order: Order }) {
  const canDeliver = order.actions.includes("deliver");
  const deliveries = [...order.deliveries].reverse();
  if (!canDeliver && deliveries.length === 0) return null;

  return (
    <section
      aria-labelledby="deliveries-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="deliveries-title" className="text-lg font-semibold text-stone-900">
        Deliveries
      </h2>
      {canDeliver ? <DeliverForm order={order} /> : null}
      {deliveries.length > 0 ? (
        <ol className="mt-4 space-y-4">
          {deliveries.map((delivery, index) => {
            const part = order.milestones.find((m) => m.id === delivery.milestoneId);
            return (
              <li key={delivery.id} className="rounded-xl border border-stone-200 p-4">
                <p className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                  <span className="font-medium text-stone-900">
                    Delivery {deliveries.length - index}
                    {part ? ` · Milestone ${part.position}: ${part.title}` : ""}
                    {index === 0 && order.status === "delivered" ? (
                      <span className="ml-2 rounded-full bg-violet-50 px-2 py-0.5 text-xs font-semibold text-violet-900">
                        Latest
                      </span>
                    ) : null}
                  </span>
                  <time dateTime={delivery.createdAt} className="text-stone-600">
                    {formatDateTime(delivery.createdAt)}
                  </time>
                </p>
                <p className="mt-2 whitespace-pre-line text-stone-800">{delivery.message}</p>
                <p className="mt-2 text-sm text-stone-700">
                  <AiBadge aiUse={delivery.aiUse} tools={delivery.aiTools} always />
                </p>
                {delivery.files.length > 0 ? (
                  <ul className="mt-3 flex flex-wrap gap-2" aria-label="Delivered files">
                    {delivery.files.map((file) => (
                      <li key={file.id}>
                        <a
                          href={file.url}
                          download={file.name}
                          className="inline-flex max-w-full items-center gap-2 rounded-full border border-stone-200 bg-stone-50 px-3 py-1.5 text-sm text-brand-800 hover:border-stone-300 hover:bg-white"
                        >
                          <span className="truncate">{file.name}</span>
                          <span className="shrink-0 text-stone-500">{formatFileSize(file.size)}</span>
                        </a>
                        <a
                          href={`/api/files/${file.id}/receipt`}
                          className="ml-2 text-xs text-brand-800 underline"
                          aria-label={`Signed receipt for ${file.name}`}
                        >
                          Receipt
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

/** The seller's delivery form: of the whole order, or of one milestone (`milestone`). */
export function DeliverForm({ order, milestone }: { order: Order; milestone?: OrderMilestone }) {
  const [files, setFiles] = useState<File[]>([]);
  const [messageError, setMessageError] = useState<string | undefined>();
  const [aiUse, setAiUse] = useState<AiUse>("none");
  const [toolsError, setToolsError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const deliver = useOrderAction(order.id);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const message = textOf(new FormData(event.currentTarget), "message").trim();
    if (!message) {
      setMessageError("Tell the buyer what you’re delivering.");
      return;
    }
    setMessageError(undefined);
    const aiTools = textOf(new FormData(event.currentTarget), "aiTools")
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    if (aiUse !== "none" && aiTools.length === 0) {
      setToolsError("Name the AI tools you used, separated by commas.");
      return;
    }
    setToolsError(undefined);
    try {
      setUploading(true);
      const fileIds: string[] = [];
      for (const file of files) fileIds.push((await uploadFile(file)).id);
      setUploading(false);
      const body = { message, fileIds, aiUse, aiTools };
      await deliver.mutateAsync(
        milestone
          ? { path: "/milestones/{milestoneId}/deliveries", milestoneId: milestone.id, body }
          : { path: "/deliveries", body },
      );
      setFiles([]);
      setFormKey((key) => key + 1);
    } catch (error) {
      setUploading(false);
      setFormError(actionError(error));
    }
  }

  return (
    <form
      key={formKey}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      className="mt-3 space-y-4 rounded-xl bg-stone-50 p-4"
      aria-label={milestone ? `Deliver milestone ${milestone.position}` : "Deliver your work"}
    >
      <p className="text-sm text-stone-700">
        {milestone
          ? `Send this milestone’s work. The buyer then has 3 days to accept it or ask for changes before it is accepted by itself.`
          : order.deliveries.length > 0
            ? "Send the revised work. The buyer then has 3 days to accept it or ask for changes."
            : "Send the finished work. The buyer then has 3 days to accept it or ask for changes before it completes by itself."}
      </p>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <TextAreaField
        label="Delivery message"
        name="message"
        rows={4}
        maxLength={5000}
        hint="What’s included, and anything the buyer should know."
        error={messageError}
      />
      <fieldset>
        <legend className="text-sm font-medium text-stone-900">AI use in this delivery</legend>
        <p className="text-sm text-stone-600">Required. It goes into the files’ content credentials.</p>
        <div className="mt-2 flex flex-wrap gap-4">
          {(
            [
              ["none", "No AI"],
              ["assisted", "AI-assisted"],
              ["generated", "AI-generated"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm text-stone-800">
              <input
                type="radio"
                name="aiUse"
                value={value}
                checked={aiUse === value}
                onChange={() => setAiUse(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {aiUse !== "none" ? (
        <TextField
          label="AI tools used"
          name="aiTools"
          hint="For example: Midjourney, Photoshop Generative Fill"
          error={toolsError}
        />
      ) : null}
      <FileInput
        name="files"
        label="Files"
        hint="Up to 20 files, 25 MB each."
        files={files}
        onChange={setFiles}
      />
      <Button type="submit" loading={uploading || deliver.isPending}>
        {uploading ? "Uploading files…" : "Deliver now"}
      </Button>
    </form>
  );
}
