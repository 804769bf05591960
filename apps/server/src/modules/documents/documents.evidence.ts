import type { Order, ReceiptDto, TimelineItem } from "@atelier/contracts";
import { format } from "../../platform/money";
import { AI_USE_NAMES, formatInstant, LICENCE_NAMES, TIER_NAMES } from "./documents.format";
import { ACCEPTANCE_EVENTS, humanize, REPLACEMENT } from "./documents.models";
import { PdfComposer } from "./documents.pdf";

export interface EvidenceFacts {
  order: Order;
  /** The order's events and its messages, oldest first (the order page's timeline). */
  timeline: readonly TimelineItem[];
  /** The signed receipts of the order's delivered files. */
  receipts: readonly ReceiptDto[];
  now: Date;
}

const party = (p: Order["buyer"]) => `${p.displayName} (@${p.username})`;

function orderSection(pdf: PdfComposer, order: Order) {
  pdf.heading("Order");
  const rows: [string, string | null][] = [
    ["Order", order.id],
    ["Gig", order.gig.title],
    ["Package", `${order.package.name} (${TIER_NAMES[order.tier]}), quantity ${order.quantity}`],
    ["Buyer", party(order.buyer)],
    ["Seller", party(order.seller)],
    ["Status", humanize(order.status)],
    ["Licence", `${LICENCE_NAMES[order.licence.kind]}, ${order.licence.status}`],
    ["Total paid", format(order.price.total)],
    ["Placed", formatInstant(order.createdAt)],
    ["Started", order.startedAt && formatInstant(order.startedAt)],
    ["Due", order.dueAt && formatInstant(order.dueAt)],
    ["Delivered", order.deliveredAt && formatInstant(order.deliveredAt)],
    ["Completed", order.completedAt && formatInstant(order.completedAt)],
    ["Cancelled", order.cancelledAt && formatInstant(order.cancelledAt)],
  ];
  for (const [label, value] of rows) if (value) pdf.text(`${label}: ${value}`);
  if (order.dispute) {
    pdf.text(`Dispute opened by @${order.dispute.openedBy} at ${formatInstant(order.dispute.at)}:`);
    pdf.text(order.dispute.reason, { indent: 14 });
  }
  if (order.resolution) {
    const r = order.resolution;
    pdf.text(
      `Decision (${formatInstant(r.at)}): ${r.outcome}; buyer refunded ${format(r.buyerRefund)}, ` +
        `seller earned ${format(r.sellerEarnings)}.`,
    );
    if (r.note) pdf.text(r.note, { indent: 14 });
  }
}

function eventDetails(data: Record<string, unknown>): string {
  const { from, to, ...rest } = data;
  const parts: string[] = [];
  if (typeof from === "string" && typeof to === "string" && from !== to) parts.push(`${from} -> ${to}`);
  if (Object.keys(rest).length > 0) parts.push(JSON.stringify(rest));
  return parts.join("  ");
}

function timelineSection(pdf: PdfComposer, timeline: readonly TimelineItem[]) {
  pdf.heading("Timeline");
  if (timeline.length === 0) pdf.text("Nothing yet.", { muted: true });
  for (const item of timeline) {
    if (item.type === "event") {
      const e = item.event;
      const who = e.actor.username ? `${e.actor.role} @${e.actor.username}` : e.actor.role;
      pdf.text(`${formatInstant(e.createdAt)}  ${humanize(e.kind)}, by ${who}`, { style: "bold", size: 9 });
      const details = eventDetails(e.data);
      if (details) pdf.text(details, { indent: 14, size: 8, muted: true });
    } else {
      const m = item.message;
      pdf.text(`${formatInstant(m.createdAt)}  Message from @${m.sender.username}`, {
        style: "bold",
        size: 9,
      });
      pdf.text(m.body, { indent: 14, size: 9 });
      for (const f of m.files) pdf.text(`Attachment: ${f.name} (${f.size} bytes)`, { indent: 14, size: 8 });
    }
    pdf.gap(3);
  }
}

function deliveriesSection(pdf: PdfComposer, order: Order, receipts: readonly ReceiptDto[]) {
  pdf.heading("Deliveries");
  if (order.deliveries.length === 0) pdf.text("No delivery yet.", { muted: true });
  const receiptOf = new Map(receipts.map((r) => [r.fileId, r]));
  order.deliveries.forEach((d, i) => {
    pdf.text(`Delivery ${i + 1}, ${formatInstant(d.createdAt)}`, { style: "bold" });
    pdf.text(d.message, { indent: 14, size: 9 });
    const tools = d.aiTools.length > 0 ? ` (${d.aiTools.join(", ")})` : "";
    pdf.text(`AI declaration: ${AI_USE_NAMES[d.aiUse]}${tools}`, { indent: 14, size: 9 });
    for (const f of d.files) {
      pdf.text(`File: ${f.name} (${f.size} bytes)`, { indent: 14, size: 9 });
      const receipt = receiptOf.get(f.id);
      if (!receipt) {
        pdf.text("No receipt was issued for this file.", { indent: 28, size: 8, muted: true });
        continue;
      }
      pdf.text("SHA-256:", { indent: 28, size: 8, muted: true, after: 0 });
      pdf.text(receipt.sha256, { indent: 28, size: 8, style: "mono" });
      pdf.text(
        `Receipt: ${receipt.fileId}, signed with ${receipt.keyId}; licence ${receipt.licence.kind}, ` +
          `${receipt.licence.status}; delivered ${formatInstant(receipt.deliveredAt)}`,
        { indent: 28, size: 8 },
      );
      pdf.text("Signature (detached JWS):", { indent: 28, size: 8, muted: true, after: 0 });
      pdf.text(receipt.signature, { indent: 28, size: 7, style: "mono" });
    }
    pdf.gap(4);
  });
}

function acceptanceSection(pdf: PdfComposer, order: Order, timeline: readonly TimelineItem[]) {
  pdf.heading("Acceptance");
  const accepted = timeline.filter(
    (i): i is Extract<TimelineItem, { type: "event" }> =>
      i.type === "event" && ACCEPTANCE_EVENTS.has(i.event.kind),
  );
  if (accepted.length === 0) {
    pdf.text(`Not accepted: the order is ${humanize(order.status).toLowerCase()}.`);
    return;
  }
  for (const { event } of accepted) {
    const how =
      event.kind === "accept"
        ? `Accepted by the buyer @${event.actor.username ?? order.buyer.username}`
        : event.kind === "auto_complete"
          ? "Completed automatically: the buyer did not answer the delivery in time"
          : `Completed by an admin's dispute decision (${humanize(event.kind).toLowerCase()})`;
    pdf.text(`${how}, ${formatInstant(event.createdAt)}.`);
  }
  if (order.licence.grantedAt) pdf.text(`Licence granted ${formatInstant(order.licence.grantedAt)}.`);
}

/**
 * An order's evidence pack, for disputes and chargebacks: the order, its timeline (events and
 * messages), every delivery with its files' SHA-256 hashes and signed receipts, and how it was
 * accepted. Long content runs over as many pages as it needs.
 */
export async function renderEvidencePack(f: EvidenceFacts): Promise<Uint8Array> {
  const { order } = f;
  const pdf = await PdfComposer.create({
    title: `Evidence pack, order ${order.id}`,
    subject: order.gig.title,
    now: f.now,
  });
  pdf.text("Atelier", { style: "bold", size: 11, muted: true });
  pdf.text("Evidence pack", { style: "bold", size: 22, after: 4 });
  pdf.text(`Order ${order.id}, generated ${formatInstant(f.now)}`, { muted: true, after: 6 });
  orderSection(pdf, order);
  timelineSection(pdf, f.timeline);
  deliveriesSection(pdf, order, f.receipts);
  acceptanceSection(pdf, order, f.timeline);

  pdf.heading("About this document");
  pdf.text(
    "Made by Atelier from the order's records at the time above. Each receipt is signed by the " +
      `marketplace; its signature can be checked with the public keys at /api/verify/keys, and a file's ` +
      "SHA-256 can be verified by anyone at /verify.",
    { size: 9 },
  );
  if (pdf.replaced > 0) {
    pdf.text(
      `${pdf.replaced} character(s) this document's font cannot show (emoji, non-Latin scripts) are ` +
        `printed as "${REPLACEMENT}"; the order page on Atelier holds the text as written.`,
      { size: 9 },
    );
  }
  return pdf.save(`Atelier evidence pack, order ${order.id}`);
}
