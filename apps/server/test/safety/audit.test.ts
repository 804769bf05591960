import type { Order } from "@atelier/contracts";
import type { AuditEntry } from "@atelier/contracts/safety";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGig } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";
import {
  expectProblem,
  longSessions,
  newCast,
  newParty,
  orderIn,
  type Party,
} from "../orders/orders.helpers";

/**
 * The admin actions of the modules older than the audit log write to it too, in the transaction of
 * the action: each is done through its route, then read back from `GET /api/admin/audit-log`.
 */

let server: TestServer;
let admin: Party;
beforeAll(async () => {
  server = await startTestServer(longSessions);
  admin = await newParty(server, "admin");
});
afterAll(() => server.close());

/** The log's newest entry about `subject` (the log is newest first). */
async function lastAbout(subject: { type: string; id: string }): Promise<AuditEntry | undefined> {
  const res = await admin.client.get<{ data: AuditEntry[] }>("/api/admin/audit-log?limit=100");
  expect(res.status).toBe(200);
  return res.body.data.find((e) => e.subject.type === subject.type && e.subject.id === subject.id);
}

describe("the audit log of older admin actions", () => {
  it("records gig approvals and denials, with the denial's reason", async () => {
    const seller = await newParty(server, "seller");
    const title = "I will write Fake-Reviews for your online shop";
    const [kept, refused] = await Promise.all([
      createGig(seller.client, { title }),
      createGig(seller.client, { title }),
    ]);
    for (const gig of [kept, refused]) {
      const published = await seller.client.post(`/api/gigs/${gig.id}/publish`);
      expect(published.body.status).toBe("pending_review");
    }

    expect((await admin.client.post(`/api/admin/gigs/${kept.id}/approve`)).status).toBe(200);
    expect(await lastAbout({ type: "gig", id: kept.id })).toMatchObject({
      actor: { username: admin.username },
      action: "gig.approve",
      subject: { type: "gig", id: kept.id },
    });

    const reason = "Selling reviews breaks rule 4.2.";
    const denied = await admin.client.post(`/api/admin/gigs/${refused.id}/deny`, { reason });
    expect(denied.status).toBe(200);
    expect(await lastAbout({ type: "gig", id: refused.id })).toMatchObject({
      actor: { username: admin.username },
      action: "gig.deny",
      subject: { type: "gig", id: refused.id },
      reason,
    });

    // A refused decision writes nothing: the gig is no longer in review.
    expectProblem(
      await admin.client.post(`/api/admin/gigs/${refused.id}/approve`),
      409,
      "invalid_transition",
    );
    const entries = (await admin.client.get<{ data: AuditEntry[] }>("/api/admin/audit-log?limit=100")).body
      .data;
    expect(entries.filter((e) => e.subject.id === refused.id).map((e) => e.action)).toEqual(["gig.deny"]);
  });

  it("records a dispute decision with its note, by the admin who decided", async () => {
    const c = await newCast(server);
    const disputed = await orderIn(c, "disputed");
    const note = "Half the files arrived; 40% back to the buyer.";
    const resolved = await c.admin.client.post<Order>(`/api/admin/disputes/${disputed.id}/resolve`, {
      outcome: "split",
      buyerRefundPercent: 40,
      note,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("completed");
    expect(await lastAbout({ type: "order", id: disputed.id })).toMatchObject({
      actor: { username: c.admin.username },
      action: "order.resolve_split",
      subject: { type: "order", id: disputed.id },
      reason: note,
    });
  });

  it("records search synonym edits and deletions", async () => {
    const term = `ux${Math.random().toString(36).slice(2, 8)}`;
    const set = await admin.client.put(`/api/admin/search/synonyms/${term}`, {
      synonyms: ["user-experience", "usability"],
    });
    expect(set.status).toBe(200);
    expect(await lastAbout({ type: "search_synonyms", id: term })).toMatchObject({
      actor: { username: admin.username },
      action: "search_synonyms.set",
      reason: "user-experience, usability",
    });

    expect((await admin.client.delete(`/api/admin/search/synonyms/${term}`)).status).toBe(204);
    expect(await lastAbout({ type: "search_synonyms", id: term })).toMatchObject({
      actor: { username: admin.username },
      action: "search_synonyms.delete",
    });
    // Deleting what is not there is a 404 and no record.
    expectProblem(await admin.client.delete(`/api/admin/search/synonyms/${term}`), 404, "not_found");
    const entries = (await admin.client.get<{ data: AuditEntry[] }>("/api/admin/audit-log?limit=100")).body
      .data;
    expect(entries.filter((e) => e.subject.id === term).map((e) => e.action)).toEqual([
      "search_synonyms.delete",
      "search_synonyms.set",
    ]);
  });

  it("records a Top Rated approval", async () => {
    const seller = await newParty(server, "seller");
    const approved = await admin.client.post(`/api/admin/users/${seller.id}/approve-top-rated`);
    expect(approved.status).toBe(200);
    expect(await lastAbout({ type: "user", id: seller.id })).toMatchObject({
      actor: { username: admin.username },
      action: "user.approve_top_rated",
      subject: { type: "user", id: seller.id },
    });
  });
});
