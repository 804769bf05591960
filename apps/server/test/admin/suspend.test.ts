import type { AdminUsersPage, Order } from "@atelier/contracts";
import type { SuspensionResult } from "@atelier/contracts/safety";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncGigSearchDocument } from "../../src/modules/search/search.indexer";
import { unique } from "../client";
import { insertActiveGig } from "../factories/gigs";
import { startTestServer, type TestServer } from "../harness";
import {
  expectProblem,
  longSessions,
  newParty,
  orderIn,
  placeOrder,
  type Cast,
} from "../orders/orders.helpers";

/** A suspension states its reason and the rule it applies (API.md section 11). */
const SUSPEND = { reason: "Sold accounts of other services", rule: "prohibited-services" };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(longSessions);
});
afterAll(() => server.close());

/** A cast whose seller's gig has a title no other test uses, indexed for search. */
async function searchableCast(): Promise<Cast & { word: string }> {
  const word = unique("zephyrine").replace(/[^a-z]/gi, "");
  const [seller, buyer, stranger, admin] = await Promise.all([
    newParty(server, "seller"),
    newParty(server),
    newParty(server),
    newParty(server, "admin"),
  ]);
  const gigId = await insertActiveGig(server.deps.db, seller.id, { title: `I will paint ${word} murals` });
  await syncGigSearchDocument(server.deps, server.deps.db, gigId);
  return { server, seller, buyer, stranger, admin, gigId, word };
}

async function searchIds(word: string): Promise<string[]> {
  const res = await server.client().get<{ data: { id: string }[] }>(`/api/search/gigs?q=${word}`);
  expect(res.status).toBe(200);
  return res.body.data.map((g) => g.id);
}

describe("admin suspension", () => {
  it("suspends a seller: gigs leave search, open orders go to dispute, sign-in and sessions stop", async () => {
    const c = await searchableCast();
    expect(await searchIds(c.word)).toContain(c.gigId);
    const waiting = await placeOrder(c.buyer, c.gigId);
    const delivered = await orderIn(c, "delivered");
    const completed = await orderIn(c, "completed");

    const res = await c.admin.client.post<SuspensionResult>(
      `/api/admin/users/${c.seller.id}/suspend`,
      SUSPEND,
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: c.seller.id, username: c.seller.username });
    expect(res.body.user.suspendedAt).not.toBeNull();
    expect([...res.body.disputedOrderIds].sort()).toEqual([waiting.id, delivered.id].sort());

    expect(await searchIds(c.word)).not.toContain(c.gigId);

    const queue = await c.admin.client.get<{ data: Order[] }>("/api/admin/disputes");
    const disputed = queue.body.data.filter((o) => [waiting.id, delivered.id].includes(o.id));
    expect(disputed).toHaveLength(2);
    for (const o of disputed) {
      expect(o.status).toBe("disputed");
      expect(o.dispute).toMatchObject({
        reason: "Account suspended by an admin",
        openedBy: c.admin.username,
      });
    }
    const done = await c.buyer.client.get<Order>(`/api/orders/${completed.id}`);
    expect(done.body.status).toBe("completed");

    // The seller's existing session no longer resolves, and signing in says the account is suspended.
    expectProblem(await c.seller.client.get("/api/me"), 401, "unauthenticated");
    const login = await server.client().post("/api/auth/login", {
      email: c.seller.email,
      password: "correct horse battery",
    });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe("account_suspended");
    const sessions = await server.deps.db.query<{ open: number }>(
      "SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL",
      [c.seller.id],
    );
    expect(sessions[0]?.open).toBe(0);

    // A second suspension is a no-op.
    const again = await c.admin.client.post<SuspensionResult>(
      `/api/admin/users/${c.seller.id}/suspend`,
      SUSPEND,
    );
    expect(again.status).toBe(200);
    expect(again.body.disputedOrderIds).toEqual([]);
    expect(again.body.user.suspendedAt).toBe(res.body.user.suspendedAt);
  });

  it("freezes the open orders of a suspended buyer too", async () => {
    const c = await searchableCast();
    const inProgress = await orderIn(c, "in_progress");
    const res = await c.admin.client.post<SuspensionResult>(
      `/api/admin/users/${c.buyer.id}/suspend`,
      SUSPEND,
    );
    expect(res.body.disputedOrderIds).toEqual([inProgress.id]);
    const seen = await c.seller.client.get<Order>(`/api/orders/${inProgress.id}`);
    expect(seen.body.status).toBe("disputed");
    // The seller was not suspended: their gig stays searchable.
    expect(await searchIds(c.word)).toContain(c.gigId);
  });

  it("reinstates: the gig returns to search and the user can sign in again", async () => {
    const c = await searchableCast();
    // Search first: the search module caches how a query word resolves, and a word that first
    // resolves while no document has it stays unresolved until that cache expires.
    expect(await searchIds(c.word)).toContain(c.gigId);
    await c.admin.client.post(`/api/admin/users/${c.seller.id}/suspend`, SUSPEND);
    expect(await searchIds(c.word)).not.toContain(c.gigId);
    const res = await c.admin.client.post<SuspensionResult>(`/api/admin/users/${c.seller.id}/reinstate`);
    expect(res.status).toBe(200);
    expect(res.body.user.suspendedAt).toBeNull();
    expect(await searchIds(c.word)).toContain(c.gigId);
    const login = await server.client().post("/api/auth/login", {
      email: c.seller.email,
      password: "correct horse battery",
    });
    expect(login.status).toBe(200);
  });

  it("answers 404 to non-admins and for unknown users; admins cannot suspend themselves", async () => {
    const c = await searchableCast();
    expectProblem(
      await c.stranger.client.post(`/api/admin/users/${c.seller.id}/suspend`, SUSPEND),
      404,
      "not_found",
    );
    expectProblem(await c.seller.client.post(`/api/admin/users/${c.buyer.id}/reinstate`), 404, "not_found");
    expectProblem(await c.stranger.client.get("/api/admin/users"), 404, "not_found");
    expect((await server.client().post(`/api/admin/users/${c.seller.id}/suspend`, SUSPEND)).status).toBe(401);
    expectProblem(
      await c.admin.client.post("/api/admin/users/usr_nobody/suspend", SUSPEND),
      404,
      "not_found",
    );
    expectProblem(
      await c.admin.client.post(`/api/admin/users/${c.admin.id}/suspend`, SUSPEND),
      409,
      "cannot_suspend_self",
    );
    expect(await searchIds(c.word)).toContain(c.gigId);
  });
});

describe("admin user search", () => {
  it("finds users by username, display name or e-mail, a page at a time", async () => {
    const admin = await newParty(server, "admin");
    const tag = unique("quillon")
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase();
    const names = ["a", "b", "c"].map((s) => `${tag}${s}`);
    for (const username of names)
      await server.client().signup({ username, email: `${username}@example.test` });

    const first = await admin.client.get<AdminUsersPage>(`/api/admin/users?q=${tag.toUpperCase()}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((u) => u.username)).toEqual(names.slice(0, 2));
    expect(first.body.data[0]).toMatchObject({ email: `${names[0]}@example.test`, suspendedAt: null });
    expect(first.body.nextCursor).not.toBeNull();
    const second = await admin.client.get<AdminUsersPage>(
      `/api/admin/users?q=${tag}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((u) => u.username)).toEqual(names.slice(2));
    expect(second.body.nextCursor).toBeNull();

    const wildcard = await admin.client.get<AdminUsersPage>(`/api/admin/users?q=${encodeURIComponent("%_")}`);
    expect(wildcard.body.data).toEqual([]);
    expectProblem(await admin.client.get("/api/admin/users?cursor=%25%25"), 400, "validation_failed");
  });
});
