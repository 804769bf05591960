import type { CreateOfferBody, LicenceKind, Offer } from "@atelier/contracts";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { TextAreaField, TextField } from "../TextField";
import { describeError } from "../../lib/api";
import { LICENCE_HINTS, LICENCE_LABELS } from "../../lib/licences";
import { parseMoneyInput } from "../../lib/moneyInput";
import {
  emptyMilestone,
  MilestonesFields,
  MILESTONES_MIN_PRICE,
  readMilestones,
  type MilestoneDraft,
} from "./MilestonesFields";

const LICENCE_KINDS: readonly LicenceKind[] = ["personal", "commercial", "full_transfer"];

/**
 * The seller's offer composer: scope, price, delivery, revisions, licence and expiry (1–14 days). `send`
 * posts it (into a conversation, or as the answer to a brief).
 */
export function OfferForm({
  currency = "USD",
  send,
  onSent,
  onCancel,
}: {
  currency?: string;
  send: (body: CreateOfferBody) => Promise<Offer>;
  onSent: (offer: Offer) => void;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [price, setPrice] = useState("");
  const [days, setDays] = useState("3");
  const [revisions, setRevisions] = useState("1");
  const [expires, setExpires] = useState("3");
  const [licence, setLicence] = useState<LicenceKind>("personal");
  const licenceId = useId();
  const [error, setError] = useState<string | null>(null);
  // Offers of 100.00 or more may be paid in 2–6 milestones (null: one delivery).
  const [milestones, setMilestones] = useState<MilestoneDraft[] | null>(null);
  const amountNow = parseMoneyInput(price, currency);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: onSent,
    onError: (e) => setError(describeError(e)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const amount = parseMoneyInput(price, currency);
    if (!title.trim() || !description.trim())
      return setError("Describe the offer: a title and what you deliver.");
    if (amount === null || amount < 500) return setError("The price must be at least 5.00.");
    const expiresInDays = Number(expires);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 14)
      return setError("An offer expires after 1 to 14 days.");
    let parts: Pick<CreateOfferBody, "milestones"> = {};
    if (milestones) {
      const read = readMilestones(milestones, amount, currency);
      if ("error" in read) return setError(read.error);
      parts = { milestones: read.milestones };
    }
    setError(null);
    mutation.mutate({
      ...parts,
      title: title.trim(),
      description: description.trim(),
      price: { amount, currency },
      deliveryDays: Number(days),
      revisions: revisions === "" ? null : Number(revisions),
      expiresInDays,
      licence,
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Custom offer" className="space-y-3">
      {error ? <FormAlert>{error}</FormAlert> : null}
      <TextField
        label="Offer title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={120}
      />
      <TextAreaField
        label="What you will deliver"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={3}
      />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <TextField
          label={`Price (${currency})`}
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <TextField
          label="Delivery days"
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
        <TextField
          label="Revisions"
          type="number"
          min={0}
          max={100}
          hint="Empty: unlimited"
          value={revisions}
          onChange={(e) => setRevisions(e.target.value)}
        />
        <TextField
          label="Expires in (days)"
          type="number"
          min={1}
          max={14}
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor={licenceId} className="block text-sm font-medium text-stone-800">
          Licence
        </label>
        <select
          id={licenceId}
          aria-describedby={`${licenceId}-hint`}
          className="block h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base text-stone-900 shadow-xs hover:border-stone-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600"
          value={licence}
          onChange={(e) => setLicence(e.target.value as LicenceKind)}
        >
          {LICENCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {LICENCE_LABELS[kind]}
            </option>
          ))}
        </select>
        <p id={`${licenceId}-hint`} className="text-sm text-stone-600">
          {LICENCE_HINTS[licence]}. Included in your price; granted to the buyer when the order completes.
        </p>
      </div>
      {milestones ? (
        <>
          <MilestonesFields
            drafts={milestones}
            onChange={setMilestones}
            price={amountNow}
            currency={currency}
          />
          <Button variant="ghost" onClick={() => setMilestones(null)}>
            Deliver in one go instead
          </Button>
        </>
      ) : amountNow !== null && amountNow >= MILESTONES_MIN_PRICE ? (
        <Button variant="secondary" onClick={() => setMilestones([emptyMilestone(), emptyMilestone()])}>
          Split into milestones
        </Button>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" loading={mutation.isPending}>
          Send offer
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
