import type { Order, Wallet } from "@atelier/contracts";
import { afterAll, beforeAll, expect } from "vitest";
import type { Config } from "../../src/app/config";
import type { ApiClient, ApiResponse } from "../client";
import { unique } from "../client";
import { insertActiveGig, type GigRowOverrides } from "../factories/gigs";
import { startTestServer, type TestServer } from "../harness";

export const HOUR = 3_600;
export const DAY = 86_400;

/** Timer tests move the clock by weeks: sessions must outlive that without keep-alive requests. */
export function longSessions(config: Config): void {
  config.auth.sessionIdleSeconds = 400 * DAY;
  config.auth.sessionAbsoluteSeconds = 400 * DAY;
}

export interface Party {
  client: ApiClient;
  id: string;
  username: string;
  email: string;
}

/** Everyone an order scene needs: a seller with an active gig, a buyer, a stranger and an admin. */
export interface Cast {
  server: TestServer;
  seller: Party;
  buyer: Party;
  stranger: Party;
  admin: Party;
  gigId: string;
}

export async function newParty(
  server: TestServer,
  kind: "member" | "seller" | "admin" = "member",
): Promise<Party> {
  const client = server.client();
  const user = kind === "seller" ? await client.signupSeller() : await client.signup();
  if (kind === "admin") {
    const res = await server.client().post("/api/test/admins", { email: user.email });
    if (res.status !== 204) throw new Error(`grant admin failed: ${res.status}`);
  }
  return { client, id: user.id, username: user.username, email: user.email };
}

export async function newCast(server: TestServer, gig: GigRowOverrides = {}): Promise<Cast> {
  const [seller, buyer, stranger, admin] = await Promise.all([
    newParty(server, "seller"),
    newParty(server),
    newParty(server),
    newParty(server, "admin"),
  ]);
  const gigId = await insertActiveGig(server.deps.db, seller.id, gig);
  return { server, seller, buyer, stranger, admin, gigId };
}

/**
 * The setup the order test files share: a server of its own (its config changed by `configure`) and
 * a cast on it, made before the file's tests and closed after them. The cast's fields read the scene
 * of the running file, so they may be used inside tests and hooks only (never at module level).
 */
export function useOrderScene(configure?: (config: Config) => void, gig: GigRowOverrides = {}): Cast {
  let scene: Cast | undefined;
  beforeAll(async () => {
    const server = await startTestServer(configure);
    scene = await newCast(server, gig);
  });
  afterAll(() => scene?.server.close());
  const get = (): Cast => {
    if (!scene) throw new Error("the order scene is made in beforeAll: read it inside tests");
    return scene;
  };
  return {
    get server() {
      return get().server;
    },
    get seller() {
      return get().seller;
    },
    get buyer() {
      return get().buyer;
    },
    get stranger() {
      return get().stranger;
    },
    get admin() {
      return get().admin;
    },
    get gigId() {
      return get().gigId;
    },
  };
}

export interface OrderOptions {
  tier?: "basic" | "standard" | "premium";
  extraIds?: string[];
  quantity?: number;
  payment?: { method: "card"; token: string } | { method: "balance" };
  key?: string;
  licence?: "personal" | "commercial" | "full_transfer";
}

export function orderBody(gigId: string, o: OrderOptions = {}) {
  return {
    gigId,
    tier: o.tier ?? "basic",
    extraIds: o.extraIds ?? [],
    quantity: o.quantity ?? 1,
    payment: o.payment ?? { method: "card", token: "tok_visa" },
    ...(o.licence ? { licence: o.licence } : {}),
  };
}

export async function placeOrder(buyer: Party, gigId: string, o: OrderOptions = {}): Promise<Order> {
  const res = await buyer.client.post<Order>("/api/orders", orderBody(gigId, o), {
    "idempotency-key": o.key ?? unique("key"),
  });
  if (res.status !== 201) throw new Error(`place order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const answers = { answers: [{ requirementId: "req_brand", text: "Acme" }] };

async function ok(res: Promise<ApiResponse<Order>>, what: string): Promise<Order> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const step = {
  requirements: (c: Cast, id: string) =>
    ok(c.buyer.client.post<Order>(`/api/orders/${id}/requirements`, answers), "requirements"),
  start: (c: Cast, id: string) => ok(c.seller.client.post<Order>(`/api/orders/${id}/start`), "start"),
  deliver: (c: Cast, id: string) =>
    ok(
      c.seller.client.post<Order>(`/api/orders/${id}/deliveries`, {
        aiUse: "none",
        message: "Here it is",
        fileIds: [],
      }),
      "deliver",
    ),
  revision: (c: Cast, id: string) =>
    ok(
      c.buyer.client.post<Order>(`/api/orders/${id}/revision-requests`, { message: "Bigger, please" }),
      "revision",
    ),
  accept: (c: Cast, id: string) => ok(c.buyer.client.post<Order>(`/api/orders/${id}/accept`), "accept"),
  dispute: (p: Party, id: string) =>
    ok(p.client.post<Order>(`/api/orders/${id}/disputes`, { reason: "It is not what we agreed" }), "dispute"),
  requestCancellation: (p: Party, id: string) =>
    ok(
      p.client.post<Order>(`/api/orders/${id}/cancellation-requests`, { reason: "Plans changed" }),
      "request cancellation",
    ),
  requestExtension: (c: Cast, id: string, days = 2) =>
    ok(
      c.seller.client.post<Order>(`/api/orders/${id}/extension-requests`, { days, reason: "More time" }),
      "request extension",
    ),
  answer: (
    p: Party,
    id: string,
    kind: "cancellation" | "extension",
    requestId: string,
    verb: "accept" | "decline",
  ) => ok(p.client.post<Order>(`/api/orders/${id}/${kind}-requests/${requestId}/${verb}`), `${verb} ${kind}`),
};

export type Status = Order["status"];

/** Places an order and drives it through the API to `status`. */
export async function orderIn(c: Cast, status: Status, o: OrderOptions = {}): Promise<Order> {
  const placed = await placeOrder(c.buyer, c.gigId, o);
  const id = placed.id;
  switch (status) {
    case "awaiting_requirements":
      return placed;
    case "in_progress":
      return step.requirements(c, id);
    case "delivered":
      await step.requirements(c, id);
      return step.deliver(c, id);
    case "completed":
      await step.requirements(c, id);
      await step.deliver(c, id);
      return step.accept(c, id);
    case "cancelled": {
      const requested = await step.requestCancellation(c.buyer, id);
      return step.answer(c.seller, id, "cancellation", pendingRequest(requested, "cancellation"), "accept");
    }
    case "disputed":
      return step.dispute(c.buyer, id);
  }
}

export function pendingRequest(order: Order, kind: "cancellation" | "extension"): string {
  const r = order.requests.find((x) => x.kind === kind && x.status === "pending");
  if (!r) throw new Error(`no pending ${kind} request on ${order.id}`);
  return r.id;
}

export async function getOrder(p: Party, id: string): Promise<Order> {
  return ok(p.client.get<Order>(`/api/orders/${id}`), "get order");
}

export async function walletOf(p: Party): Promise<Wallet> {
  const res = await p.client.get<Wallet>("/api/wallet");
  if (res.status !== 200) throw new Error(`wallet failed: ${res.status}`);
  return res.body;
}

/** The amounts of a wallet, in minor units, for compact assertions. */
export async function balances(p: Party) {
  const w = await walletOf(p);
  return {
    available: w.available.amount,
    pending: w.pendingClearance.amount,
    credits: w.credits.amount,
    withdrawn: w.withdrawn.amount,
  };
}

/** Moves the test clock and runs the scheduled work that became due. */
export async function advance(server: TestServer, seconds: number): Promise<void> {
  const res = await server.client().post("/api/test/clock", { advanceSeconds: seconds });
  if (res.status !== 200) throw new Error(`clock failed: ${res.status}`);
}

export function expectProblem(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect(res.headers.get("content-type")).toContain("application/problem+json");
}

/** The ledger check endpoint must report every invariant holding. */
export async function expectLedgerBalanced(admin: Party): Promise<void> {
  const res = await admin.client.get<{
    balanced: boolean;
    negativeAccounts: unknown[];
    unbalancedTransactions: unknown[];
    cachedBalanceMismatches: unknown[];
  }>("/api/admin/ledger/check");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    balanced: true,
    negativeAccounts: [],
    unbalancedTransactions: [],
    cachedBalanceMismatches: [],
  });
}

export const usd = (amount: number) => ({ amount, currency: "USD" });
