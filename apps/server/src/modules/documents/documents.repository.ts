import { one, type Queryable } from "../../db/client";

export interface InvoiceRow {
  order_id: string;
  number: string | number;
  issued_at: Date;
}

/** The only place the documents module's SQL lives: the invoice numbers (`order_invoices`, migration 0034). */
export function createDocumentsRepository(db: Queryable) {
  return {
    findInvoice(orderId: string): Promise<InvoiceRow | undefined> {
      return one<InvoiceRow>(
        db,
        "SELECT order_id, number, issued_at FROM order_invoices WHERE order_id = $1",
        [orderId],
      );
    },
    /**
     * Gives the order the next invoice number, unless it has one. Call inside a transaction: the
     * table lock (it conflicts with itself) makes issuers take turns, so the number is the largest
     * so far plus one, read after the previous issuer committed — no two alike, and no gap, since a
     * transaction that rolls back takes its number with it (a sequence would keep the gap).
     */
    async issueInvoice(orderId: string, now: Date): Promise<InvoiceRow | undefined> {
      await db.query("LOCK TABLE order_invoices IN SHARE ROW EXCLUSIVE MODE");
      return one<InvoiceRow>(
        db,
        `INSERT INTO order_invoices (order_id, number, issued_at)
         SELECT $1, COALESCE(MAX(number), 0) + 1, $2 FROM order_invoices
         ON CONFLICT (order_id) DO NOTHING
         RETURNING order_id, number, issued_at`,
        [orderId, now],
      );
    },
  };
}
