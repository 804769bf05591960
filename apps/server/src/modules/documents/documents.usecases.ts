import type { AppDeps } from "../../platform/deps";
import { notFound } from "../../platform/errors";
import { lazyImport } from "../../platform/lazy";
import { orderReceipts } from "../credentials/credentials.usecases";
import { orderTimeline } from "../messaging/messaging.usecases";
import type { Viewer } from "../orders/orders.public";
import { getOrder, listEvents } from "../orders/orders.usecases";
import { invoiceLabel } from "./documents.models";
import { createDocumentsRepository, type InvoiceRow } from "./documents.repository";

// pdf-lib takes ~0.2 s to import: the renderers load on the first document, not at start.
const invoiceRenderer = lazyImport(() => import("./documents.invoice"));
const evidenceRenderer = lazyImport(() => import("./documents.evidence"));

type Deps = Pick<AppDeps, "db" | "clock" | "config">;

export interface PdfDocument {
  bytes: Uint8Array;
  fileName: string;
}

/** The order's invoice number: the one it was given at its first download, or the next one now. */
async function invoiceOf(deps: Pick<Deps, "db" | "clock">, orderId: string): Promise<InvoiceRow> {
  const known = await createDocumentsRepository(deps.db).findInvoice(orderId);
  if (known) return known;
  return deps.db.transaction(async (tx) => {
    const repo = createDocumentsRepository(tx);
    // Issued by a concurrent download while this one waited for the lock: that number it is.
    const issued = (await repo.issueInvoice(orderId, deps.clock.now())) ?? (await repo.findInvoice(orderId));
    if (!issued) throw new Error(`invoice of ${orderId} was neither issued nor found`);
    return issued;
  });
}

/**
 * The buyer's numbered invoice for an order, as a PDF (API.md section 12). The buyer and admins
 * only: the seller and anyone else get the 404 of an order they cannot see. The number is given at
 * the first download and printed on every later one.
 */
export async function orderInvoice(
  deps: Deps,
  { orderId, viewer }: { orderId: string; viewer: Viewer },
): Promise<PdfDocument & { number: string }> {
  const order = await getOrder(deps, { orderId, viewer });
  if (order.viewerRole !== "buyer" && !viewer.roles.includes("admin")) throw notFound("order");
  const invoice = await invoiceOf(deps, order.id);
  const number = invoiceLabel(Number(invoice.number));
  const bytes = await (
    await invoiceRenderer()
  ).renderInvoice({ number, issuedAt: invoice.issued_at, order, now: deps.clock.now() });
  return { bytes, number, fileName: `atelier-invoice-${number}.pdf` };
}

/**
 * An order's evidence pack as a PDF, for its buyer, its seller and admins (404 for anyone else):
 * the timeline with the order's messages, the deliveries with their files' hashes and receipts, and
 * the acceptance.
 */
export async function orderEvidencePack(
  deps: Deps,
  { orderId, viewer }: { orderId: string; viewer: Viewer },
): Promise<PdfDocument> {
  // getOrder and listEvents answer 404 to anyone who may not see the order, before anything is read.
  const order = await getOrder(deps, { orderId, viewer });
  const events = await listEvents(deps, { orderId, viewer });
  const timeline = await orderTimeline(deps, { orderId, events });
  const receipts = await orderReceipts(deps, order.id);
  const bytes = await (
    await evidenceRenderer()
  ).renderEvidencePack({ order, timeline: timeline.data, receipts, now: deps.clock.now() });
  return { bytes, fileName: `atelier-evidence-${order.id}.pdf` };
}
