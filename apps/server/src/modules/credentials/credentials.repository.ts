import { one, type Queryable } from "../../db/client";

export interface KeyRow {
  id: string;
  status: "current" | "retired";
  algorithm: string;
  public_key_pem: string;
  certificate_chain: string;
  private_key_pem: string | null;
  not_before: Date;
  not_after: Date;
  created_at: Date;
  retired_at: Date | null;
}

export interface ReceiptRow {
  file_id: string;
  sha256: string;
  original_sha256: string;
  original_key: string;
  c2pa: boolean;
  order_id: string;
  seller_id: string;
  seller_username: string;
  seller_name: string;
  delivered_at: Date;
  licence_kind: string;
  licence_status: string;
  ai_use: string;
  ai_tools: string[];
  ai_training: string;
  key_id: string;
  signature: string;
}

const KEY_COLUMNS =
  "id, status, algorithm, public_key_pem, certificate_chain, private_key_pem, not_before, not_after, created_at, retired_at";
const RECEIPT_COLUMNS =
  "file_id, sha256, original_sha256, original_key, c2pa, order_id, seller_id, seller_username, seller_name, " +
  "delivered_at, licence_kind, licence_status, ai_use, ai_tools, ai_training, key_id, signature";

/** The only place the credentials module's SQL lives. */
export function createCredentialsRepository(db: Queryable) {
  return {
    findCurrentKey(): Promise<KeyRow | undefined> {
      return one<KeyRow>(db, `SELECT ${KEY_COLUMNS} FROM credential_keys WHERE status = 'current'`);
    },
    findKey(id: string): Promise<KeyRow | undefined> {
      return one<KeyRow>(db, `SELECT ${KEY_COLUMNS} FROM credential_keys WHERE id = $1`, [id]);
    },
    listKeys(): Promise<KeyRow[]> {
      return db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM credential_keys ORDER BY created_at, id`);
    },
    /** Inserts `key` as the current one unless another is current already; true when it was. */
    async insertCurrentKey(key: Omit<KeyRow, "status" | "retired_at">): Promise<boolean> {
      const rows = await db.query<{ id: string }>(
        `INSERT INTO credential_keys (${KEY_COLUMNS})
         VALUES ($1, 'current', $2, $3, $4, $5, $6, $7, $8, NULL)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          key.id,
          key.algorithm,
          key.public_key_pem,
          key.certificate_chain,
          key.private_key_pem,
          key.not_before,
          key.not_after,
          key.created_at,
        ],
      );
      return rows.length > 0;
    },
    async retireCurrentKey(now: Date): Promise<void> {
      await db.query(
        "UPDATE credential_keys SET status = 'retired', retired_at = $1 WHERE status = 'current'",
        [now],
      );
    },
    async upsertReceipt(r: ReceiptRow): Promise<void> {
      await db.query(
        `INSERT INTO file_receipts (${RECEIPT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (file_id) DO UPDATE SET
           sha256 = EXCLUDED.sha256, original_sha256 = EXCLUDED.original_sha256,
           original_key = EXCLUDED.original_key, c2pa = EXCLUDED.c2pa, order_id = EXCLUDED.order_id,
           seller_id = EXCLUDED.seller_id, seller_username = EXCLUDED.seller_username,
           seller_name = EXCLUDED.seller_name, delivered_at = EXCLUDED.delivered_at,
           licence_kind = EXCLUDED.licence_kind, licence_status = EXCLUDED.licence_status,
           ai_use = EXCLUDED.ai_use, ai_tools = EXCLUDED.ai_tools, ai_training = EXCLUDED.ai_training,
           key_id = EXCLUDED.key_id, signature = EXCLUDED.signature`,
        [
          r.file_id,
          r.sha256,
          r.original_sha256,
          r.original_key,
          r.c2pa,
          r.order_id,
          r.seller_id,
          r.seller_username,
          r.seller_name,
          r.delivered_at,
          r.licence_kind,
          r.licence_status,
          r.ai_use,
          JSON.stringify(r.ai_tools),
          r.ai_training,
          r.key_id,
          r.signature,
        ],
      );
    },
    /**
     * The newest delivery of an order with what its credentials name: the seller's public name and
     * the gig's AI flag. Read-only, inside the delivering transaction, from the orders, identity and
     * catalog tables: those modules expose no transaction-scoped facade for these facts yet.
     */
    findLatestDelivery(orderId: string): Promise<
      | {
          file_ids: string[];
          created_at: Date;
          seller_id: string;
          username: string;
          display_name: string;
          ai_use: "none" | "assisted" | "generated";
          ai_tools: string[];
          licence_kind: "personal" | "commercial" | "full_transfer";
          licence_status: "pending" | "granted" | "revoked";
          allow_ai_training: boolean | null;
        }
      | undefined
    > {
      return one(
        db,
        `SELECT d.file_ids, d.created_at, o.seller_id, u.username, u.display_name, d.ai_use, d.ai_tools,
                o.licence_kind, o.licence_status, g.allow_ai_training
         FROM order_deliveries d
         JOIN orders o ON o.id = d.order_id
         JOIN users u ON u.id = o.seller_id
         LEFT JOIN gigs g ON g.id = o.gig_id
         WHERE d.order_id = $1
         ORDER BY d.created_at DESC, d.id DESC
         LIMIT 1`,
        [orderId],
      );
    },
    /** The order's licence now (read-only, from the orders table; see findLatestDelivery). */
    findOrderLicence(orderId: string) {
      return one<{ licence_kind: ReceiptRow["licence_kind"]; licence_status: ReceiptRow["licence_status"] }>(
        db,
        "SELECT licence_kind, licence_status FROM orders WHERE id = $1",
        [orderId],
      );
    },
    /** Every receipt issued for an order's files. */
    listOrderReceipts(orderId: string): Promise<ReceiptRow[]> {
      return db.query<ReceiptRow>(
        `SELECT ${RECEIPT_COLUMNS} FROM file_receipts WHERE order_id = $1 ORDER BY delivered_at, file_id`,
        [orderId],
      );
    },
    findReceipt(fileId: string): Promise<ReceiptRow | undefined> {
      return one<ReceiptRow>(db, `SELECT ${RECEIPT_COLUMNS} FROM file_receipts WHERE file_id = $1`, [fileId]);
    },
    /** The newest receipt for these bytes (the same bytes delivered twice share a hash). */
    findReceiptBySha256(sha256: string): Promise<ReceiptRow | undefined> {
      return one<ReceiptRow>(
        db,
        `SELECT ${RECEIPT_COLUMNS} FROM file_receipts WHERE sha256 = $1 ORDER BY delivered_at DESC LIMIT 1`,
        [sha256],
      );
    },
    listReceiptsForOrder(orderId: string): Promise<ReceiptRow[]> {
      return db.query<ReceiptRow>(
        `SELECT ${RECEIPT_COLUMNS} FROM file_receipts WHERE order_id = $1 ORDER BY file_id`,
        [orderId],
      );
    },
  };
}
