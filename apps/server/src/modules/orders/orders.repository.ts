import { columns, one, type Queryable } from "../../db/client";
import { newId } from "../../platform/ids";
import type { Actor } from "./orders.lifecycle";
import type { GigForOrder, MilestoneRow, NewEvent, OrderRow, RequestRow } from "./orders.rows";

const ORDER_COLUMNS = `id, buyer_id, seller_id, gig_id, gig_title, tier, package, extras, quantity, currency, subtotal,
  service_fee, total, commission, seller_earnings, delivery_days, revisions_allowed, revisions_used, status, is_late,
  requirements, requirement_answers, payment_method, charge_id, started_at, due_at, delivered_at, completed_at,
  cancelled_at, cleared_at, clears_at, cancellation, dispute, resolution, status_before_dispute, created_at, updated_at,
  licence_kind, licence_price, licence_status, licence_granted_at, licence_revoked_at, protect_deliveries, rules,
  milestone_count`;

const MILESTONE_COLUMNS = `id, order_id, position, title, amount::float8 AS amount, service_fee::float8 AS service_fee,
  commission::float8 AS commission, seller_earnings::float8 AS seller_earnings, delivery_days, status, revisions_used,
  started_at, due_at, delivered_at, completed_at, cancelled_at, clears_at, cleared_at`;

/** Appends to timelines, in one deferred statement however many events. */
async function insertEvents(db: Queryable, events: readonly NewEvent[]): Promise<void> {
  await db.defer(
    `INSERT INTO order_events (id, order_id, kind, actor_id, actor_role, data, created_at)
     SELECT id, order_id, kind, actor_id, actor_role, data::jsonb, created_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       WITH ORDINALITY AS e(id, order_id, kind, actor_id, actor_role, data, created_at, n)
     ORDER BY n`,
    columns(events, (e) => [
      newId("evt"),
      e.orderId,
      e.kind,
      e.actorId,
      e.actorRole,
      JSON.stringify(e.data ?? {}),
      e.now,
    ]),
  );
}

/**
 * The only place the orders module's SQL lives. `db` is the database or a transaction: inside a
 * transaction a command makes `createOrdersRepository(tx)`.
 */
export function createOrdersRepository(db: Queryable) {
  return {
    /** The gigs being ordered, with their sellers, in one statement however many. */
    findGigsForOrder: (gigIds: readonly string[]) =>
      db.query<GigForOrder>(
        `SELECT g.id, g.seller_id, g.title, g.status, g.currency, g.packages, g.extras, g.requirements,
                g.licences, g.protect_deliveries,
                u.seller_level, (u.suspended_at IS NOT NULL) AS seller_suspended,
                u.username AS seller_username, u.display_name AS seller_display_name
         FROM gigs g JOIN users u ON u.id = g.seller_id WHERE g.id = ANY($1::text[])`,
        [gigIds],
      ),

    /**
     * Inserts new orders, in one deferred statement however many: `json` is each order's
     * `NewOrder` as JSON (serialized by the caller, before the transaction).
     */
    async insertOrders(json: readonly string[]): Promise<void> {
      await db.defer(
        `INSERT INTO orders (id, buyer_id, seller_id, gig_id, gig_title, tier, package, extras, quantity, currency, subtotal,
           service_fee, total, commission, seller_earnings, delivery_days, revisions_allowed, status, requirements,
           payment_method, charge_id, licence_kind, licence_price, protect_deliveries, created_at, updated_at, rules)
         SELECT id, buyer_id, seller_id, gig_id, gig_title, tier, package, extras, quantity, currency, subtotal,
           service_fee, total, commission, seller_earnings, delivery_days, revisions_allowed, status, requirements,
           payment_method, charge_id, licence_kind, licence_price, protect_deliveries, created_at, created_at, rules
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, buyer_id text, seller_id text, gig_id text, gig_title text,
           tier text, package jsonb, extras jsonb, quantity int, currency text, subtotal bigint, service_fee bigint,
           total bigint, commission bigint, seller_earnings bigint, delivery_days int, revisions_allowed int,
           status text, requirements jsonb, payment_method text, charge_id text, licence_kind text,
           licence_price bigint, protect_deliveries boolean, created_at timestamptz, rules jsonb)`,
        [`[${json.join(",")}]`],
      );
    },

    findOrder: (id: string) => one<OrderRow>(db, `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [id]),

    /** Whether `userId` is the order's buyer or seller (who may read the files linked to it). */
    async isParticipant(orderId: string, userId: string): Promise<boolean> {
      const rows = await db.query<{ found: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1 AND (buyer_id = $2 OR seller_id = $2)) AS found",
        [orderId, userId],
      );
      return rows[0]?.found ?? false;
    },

    /** Locks the order row for the rest of the transaction: transitions on one order run one at a time. */
    lockOrder: (id: string) =>
      one<OrderRow>(db, `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`, [id]),

    /**
     * Compare-and-set: applies `fields` only if the order is still in `expected` status.
     * Field names are fixed by the callers (never user input).
     */
    async update(id: string, expected: string, fields: Record<string, unknown>, now: Date): Promise<boolean> {
      const names = Object.keys(fields);
      const sets = names.map((name, i) => {
        const value = fields[name];
        const cast = value !== null && typeof value === "object" && !(value instanceof Date) ? "::jsonb" : "";
        return `${name} = $${i + 4}${cast}`;
      });
      const values = names.map((name) => {
        const value = fields[name];
        return value !== null && typeof value === "object" && !(value instanceof Date)
          ? JSON.stringify(value)
          : value;
      });
      const rows = await db.query(
        `UPDATE orders SET ${[...sets, "updated_at = $3"].join(", ")} WHERE id = $1 AND status = $2 RETURNING id`,
        [id, expected, now, ...values],
      );
      return rows.length > 0;
    },

    insertEvent: (e: NewEvent): Promise<void> => insertEvents(db, [e]),

    insertEvents: (events: readonly NewEvent[]): Promise<void> => insertEvents(db, events),

    listEvents: (orderId: string) =>
      db.query<{
        id: string;
        kind: string;
        actor_role: Actor;
        username: string | null;
        data: Record<string, unknown>;
        created_at: Date;
      }>(
        `SELECT e.id, e.kind, e.actor_role, u.username, e.data, e.created_at
         FROM order_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.seq`,
        [orderId],
      ),

    async insertDelivery(d: {
      orderId: string;
      message: string;
      fileIds: string[];
      aiUse: "none" | "assisted" | "generated";
      aiTools: string[];
      now: Date;
      milestoneId?: string | null;
    }) {
      const id = newId("dlv");
      await db.query(
        `INSERT INTO order_deliveries (id, order_id, message, file_ids, ai_use, ai_tools, created_at, milestone_id)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [
          id,
          d.orderId,
          d.message,
          d.fileIds,
          d.aiUse,
          JSON.stringify(d.aiTools),
          d.now,
          d.milestoneId ?? null,
        ],
      );
      return id;
    },

    /** Writes an order's milestones (in order) and counts them on the order. */
    async insertMilestones(
      orderId: string,
      rows: readonly Pick<
        MilestoneRow,
        "id" | "title" | "amount" | "service_fee" | "commission" | "seller_earnings" | "delivery_days"
      >[],
      now: Date,
    ): Promise<void> {
      await db.query(
        `WITH m AS (
           INSERT INTO order_milestones (id, order_id, position, title, amount, service_fee, commission, seller_earnings,
             delivery_days, updated_at)
           SELECT id, $1, position, title, amount, service_fee, commission, seller_earnings, delivery_days, $2
           FROM jsonb_to_recordset($3::jsonb) AS r(id text, position int, title text, amount bigint,
             service_fee bigint, commission bigint, seller_earnings bigint, delivery_days int)
           RETURNING id
         )
         UPDATE orders SET milestone_count = (SELECT count(*) FROM m) WHERE id = $1`,
        [orderId, now, JSON.stringify(rows.map((r, i) => ({ ...r, position: i + 1 })))],
      );
    },

    /** An order's milestones in order; inside a transition the order row's lock covers them. */
    listMilestones: (orderId: string) =>
      db.query<MilestoneRow>(
        `SELECT ${MILESTONE_COLUMNS} FROM order_milestones WHERE order_id = $1 ORDER BY position`,
        [orderId],
      ),

    /** A milestone for its clearing, locked. */
    lockMilestone: (id: string) =>
      one<MilestoneRow>(db, `SELECT ${MILESTONE_COLUMNS} FROM order_milestones WHERE id = $1 FOR UPDATE`, [
        id,
      ]),

    /** Compare-and-set of a milestone: `fields` apply only while it is still in `expected` status. */
    async updateMilestone(
      id: string,
      expected: string,
      fields: Record<string, unknown>,
      now: Date,
    ): Promise<boolean> {
      const names = Object.keys(fields);
      const sets = names.map((name, i) => `${name} = $${i + 4}`);
      const rows = await db.query(
        `UPDATE order_milestones SET ${[...sets, "updated_at = $3"].join(", ")}
         WHERE id = $1 AND status = $2 RETURNING id`,
        [id, expected, now, ...names.map((n) => fields[n])],
      );
      return rows.length > 0;
    },

    listDeliveries: (orderId: string) =>
      db.query<{
        id: string;
        message: string;
        file_ids: string[];
        ai_use: "none" | "assisted" | "generated";
        ai_tools: string[];
        milestone_id: string | null;
        created_at: Date;
      }>(
        `SELECT id, message, file_ids, ai_use, ai_tools, milestone_id, created_at
         FROM order_deliveries WHERE order_id = $1 ORDER BY created_at, id`,
        [orderId],
      ),

    filesByIds: (ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db.query<{ id: string; name: string; size: number; owner_id: string }>(
            "SELECT id, name, size, owner_id FROM files WHERE id = ANY($1::text[])",
            [ids],
          ),

    async insertRequest(r: {
      orderId: string;
      kind: RequestRow["kind"];
      requestedBy: string;
      reason: string;
      days: number | null;
      now: Date;
    }) {
      const id = newId("req");
      const rows = await db.query(
        `INSERT INTO order_requests (id, order_id, kind, requested_by, status, reason, days, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [id, r.orderId, r.kind, r.requestedBy, r.reason, r.days, r.now],
      );
      return rows.length > 0 ? id : undefined;
    },

    findRequest: (orderId: string, id: string) =>
      one<RequestRow>(db, "SELECT * FROM order_requests WHERE order_id = $1 AND id = $2", [orderId, id]),

    findPendingRequest: (orderId: string, kind: RequestRow["kind"]) =>
      one<RequestRow>(
        db,
        "SELECT * FROM order_requests WHERE order_id = $1 AND kind = $2 AND status = 'pending'",
        [orderId, kind],
      ),

    listRequests: (orderId: string) =>
      db.query<RequestRow & { requester: string }>(
        `SELECT r.*, u.username AS requester FROM order_requests r JOIN users u ON u.id = r.requested_by
         WHERE r.order_id = $1 ORDER BY r.created_at, r.id`,
        [orderId],
      ),

    async closeRequest(id: string, status: RequestRow["status"], now: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE order_requests SET status = $2, resolved_at = $3 WHERE id = $1 AND status = 'pending' RETURNING id",
        [id, status, now],
      );
      return rows.length > 0;
    },

    async closePendingRequests(orderId: string, now: Date) {
      await db.query(
        "UPDATE order_requests SET status = 'withdrawn', resolved_at = $2 WHERE order_id = $1 AND status = 'pending'",
        [orderId, now],
      );
    },

    async insertTip(t: {
      id: string;
      orderId: string;
      amount: number;
      serviceFee: number;
      commission: number;
      currency: string;
      chargeId: string | null;
      clearsAt: Date;
      now: Date;
    }) {
      await db.query(
        `INSERT INTO tips (id, order_id, amount, service_fee, commission, currency, charge_id, clears_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [t.id, t.orderId, t.amount, t.serviceFee, t.commission, t.currency, t.chargeId, t.clearsAt, t.now],
      );
    },

    listTips: (orderId: string) =>
      db.query<{ id: string; amount: number; service_fee: number; currency: string; created_at: Date }>(
        "SELECT id, amount, service_fee, currency, created_at FROM tips WHERE order_id = $1 ORDER BY created_at, id",
        [orderId],
      ),

    findTip: (id: string) =>
      one<{
        id: string;
        order_id: string;
        amount: number;
        commission: number;
        currency: string;
        cleared_at: Date | null;
      }>(
        db,
        "SELECT id, order_id, amount, commission, currency, cleared_at FROM tips WHERE id = $1 FOR UPDATE",
        [id],
      ),

    async markTipCleared(id: string, now: Date) {
      await db.query("UPDATE tips SET cleared_at = $2 WHERE id = $1", [id, now]);
    },

    /**
     * Whether an order or a tip claims the card charge: an authorization nobody claims belongs to a
     * checkout that crashed between authorize and commit.
     */
    async isChargeClaimed(chargeId: string): Promise<boolean> {
      const rows = await db.query(
        "SELECT 1 FROM orders WHERE charge_id = $1 UNION ALL SELECT 1 FROM tips WHERE charge_id = $1 LIMIT 1",
        [chargeId],
      );
      return rows.length > 0;
    },

    /** A system transition runs behind this savepoint, so a refused one leaves its job's transaction usable. */
    async savepoint(): Promise<void> {
      await db.query("SAVEPOINT system_transition");
    },
    async releaseSavepoint(): Promise<void> {
      await db.query("RELEASE SAVEPOINT system_transition");
    },
    async rollbackToSavepoint(): Promise<void> {
      await db.query("ROLLBACK TO SAVEPOINT system_transition");
    },

    users: (ids: readonly string[]) =>
      db.query<{ id: string; username: string; display_name: string; seller_level: string | null }>(
        "SELECT id, username, display_name, seller_level FROM users WHERE id = ANY($1::text[])",
        [ids],
      ),

    listByStatus: (status: string, limit: number) =>
      db.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = $1 ORDER BY updated_at, id LIMIT $2`,
        [status, limit],
      ),

    listOrders: (p: {
      userId: string;
      role: "buyer" | "seller";
      status: string | undefined;
      limit: number;
      before: { at: Date; id: string } | null;
    }) =>
      db.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS} FROM orders
         WHERE ${p.role === "buyer" ? "buyer_id" : "seller_id"} = $1
           AND ($2::text IS NULL OR status = $2)
           AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::text))
         ORDER BY created_at DESC, id DESC LIMIT $5`,
        [p.userId, p.status ?? null, p.before?.at ?? null, p.before?.id ?? "", p.limit],
      ),
  };
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
