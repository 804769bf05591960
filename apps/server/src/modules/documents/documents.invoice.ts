import type { Order } from "@atelier/contracts";
import { format } from "../../platform/money";
import { formatDate, LICENCE_NAMES, TIER_NAMES } from "./documents.format";
import { PdfComposer } from "./documents.pdf";

export interface InvoiceFacts {
  /** The printed number (`INV-000042`). */
  number: string;
  issuedAt: Date;
  /** The order as its buyer (or an admin) reads it: its stored amounts, never recomputed. */
  order: Order;
  now: Date;
}

const party = (p: Order["buyer"]) => `${p.displayName} (@${p.username})`;

/**
 * The buyer's invoice for one order: who sold what to whom, the licence, and the amounts the order
 * stored at checkout (price, the buyer's service fee, total), in the order's currency.
 */
export async function renderInvoice({ number, issuedAt, order, now }: InvoiceFacts): Promise<Uint8Array> {
  const pdf = await PdfComposer.create({ title: `Invoice ${number}`, subject: `Order ${order.id}`, now });
  const currency = order.price.total.currency;

  pdf.text("Atelier", { style: "bold", size: 11, muted: true });
  pdf.text(`Invoice ${number}`, { style: "bold", size: 22, after: 6 });
  pdf.text(`Invoice number: ${number}`);
  pdf.text(`Issued: ${formatDate(issuedAt)}`);
  pdf.text(`Order: ${order.id}, placed ${formatDate(new Date(order.createdAt))}`);
  pdf.text(`Currency: ${currency}`, { after: 8 });

  pdf.heading("Seller");
  pdf.text(party(order.seller), { after: 6 });
  pdf.heading("Billed to");
  pdf.text(party(order.buyer), { after: 6 });

  pdf.heading("Items");
  pdf.text(`Gig: ${order.gig.title}`);
  pdf.text(
    `Package: ${order.package.name} (${TIER_NAMES[order.tier]})` +
      (order.quantity > 1 ? `, quantity ${order.quantity}` : ""),
  );
  pdf.text(`Licence: ${LICENCE_NAMES[order.licence.kind]}`);
  for (const extra of order.extras) {
    const line = order.quantity > 1 ? `${format(extra.price)} x ${order.quantity}` : format(extra.price);
    pdf.text(`Extra: ${extra.title} (${line})`);
  }
  pdf.rule();

  pdf.pair("Price", format(order.price.subtotal));
  pdf.pair("Service fee", format(order.price.serviceFee));
  pdf.pair(`Total (${currency})`, format(order.price.total), { bold: true, size: 12 });
  pdf.rule();

  if (order.status === "cancelled") {
    pdf.text(
      `This order was cancelled${order.cancelledAt ? ` on ${formatDate(new Date(order.cancelledAt))}` : ""}; ` +
        `its total went back to the buyer as Atelier credits.`,
      { muted: true },
    );
  } else if (order.resolution && order.resolution.buyerRefund.amount > 0) {
    pdf.text(
      `A dispute decision returned ${format(order.resolution.buyerRefund)} to the buyer as Atelier credits.`,
      {
        muted: true,
      },
    );
  } else {
    pdf.text(`Paid in full at checkout on ${formatDate(new Date(order.createdAt))}.`, { muted: true });
  }
  pdf.text(
    "The price is the seller's package, licence and extras; the service fee is Atelier's. Both were " +
      "fixed when the order was placed.",
    { muted: true, size: 9 },
  );
  return pdf.save(`Atelier invoice ${number} for order ${order.id}`);
}
