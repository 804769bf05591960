import type { CreateOfferBody, Offer } from "@atelier/contracts";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { TextAreaField, TextField } from "../TextField";
import { describeError } from "../../lib/api";
import { parseMoneyInput } from "../../lib/moneyInput";
import {
  emptyMilestone,
  MilestonesFields,
  MILESTONES_MIN_PRICE,
  readMilestones,
  type MilestoneDraft,
} from "./MilestonesFields";

/**
 * The seller's offer composer: scope, price, delivery, revisions and expiry (1–14 days). `send`
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
