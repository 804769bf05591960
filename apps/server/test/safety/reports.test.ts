import type { Appeal, AuditEntry, Report } from "@atelier/contracts/safety";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveGig } from "../factories/gigs";
import { startTestServer, type TestServer } from "../harness";
import { conversationBetween, send } from "../messaging/messaging.helpers";
import {
  advance,
  DAY,
  expectProblem,
  longSessions,
  newCast,
  newParty,
  orderIn,
  type Party,
} from "../orders/orders.helpers";

const PASSWORD = "correct horse battery";

let server: TestServer;
let admin: Party;
let otherAdmin: Party;
beforeAll(async () => {
  server = await startTestServer(longSessions);
  [admin, otherAdmin] = await Promise.all([newParty(server, "admin"), newParty(server, "admin")]);
});
afterAll(() => server.close());

async function queue(status?: "open" | "resolved"): Promise<Report[]> {
  const res = await admin.client.get(`/api/admin/reports?limit=100${status ? `&status=${status}` : ""}`);
  expect(res.status).toBe(200);
  return res.body.data as Report[];
}

async function report(by: Party, type: string, id: string, reason = "scam", details = "") {
  return by.client.post("/api/reports", { subject: { type, id }, reason, details });
}

async function login(p: Party) {
  return server.client().post("/api/auth/login", { email: p.email, password: PASSWORD });
}

async function auditLog(): Promise<AuditEntry[]> {
  const res = await admin.client.get("/api/admin/audit-log?limit=100");
  expect(res.status).toBe(200);
  return res.body.data as AuditEntry[];
}

describe("reports", () => {
  it("takes a report on a gig with a snapshot; one open report per reporter and subject", async () => {
    const [seller, reporter, second] = await Promise.all([
      newParty(server, "seller"),
      newParty(server),
      newParty(server),
    ]);
    const gigId = await insertActiveGig(server.deps.db, seller.id, { title: "I will draw owls by hand" });
    const first = await report(reporter, "gig", gigId, "undisclosed_ai", "These are clearly generated.");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      subject: { type: "gig", id: gigId },
      reason: "undisclosed_ai",
      status: "open",
    });
    expectProblem(await report(reporter, "gig", gigId, "scam"), 409, "already_reported");
    expect((await report(second, "gig", gigId, "plagiarism")).status).toBe(201);

    // The gig changes afterwards; the queue shows what was reported.
    await server.deps.db.query("UPDATE gigs SET title = 'Something else' WHERE id = $1", [gigId]);
    const mine = (await queue("open")).find((r) => r.id === first.body.id);
    expect(mine).toMatchObject({
      kind: "user_report",
      status: "open",
      subject: { type: "gig", id: gigId, username: seller.username },
      reporter: { username: reporter.username },
      reason: "undisclosed_ai",
      details: "These are clearly generated.",
      evidence: [],
    });
    expect(mine!.snapshot?.summary).toContain("I will draw owls by hand");
    expect(mine!.snapshot?.path).toBe(`/gigs/${gigId}`);
  });

  it("refuses subjects the reporter cannot see (404), bad reasons and unknown fields (400), strangers (401)", async () => {
    const [seller, reporter, a, b] = await Promise.all([
      newParty(server, "seller"),
      newParty(server),
      newParty(server),
      newParty(server, "seller"),
    ]);
    const draft = await insertActiveGig(server.deps.db, seller.id, { status: "draft" });
    expectProblem(await report(reporter, "gig", draft), 404, "not_found");
    expectProblem(await report(reporter, "gig", "gig_nothing"), 404, "not_found");
    expectProblem(await report(reporter, "review", "rev_nothing"), 404, "not_found");
    // A message is seen only by its two participants.
    const conversation = await conversationBetween(a, b);
    const message = await send(a, conversation, "you will regret this");
    expectProblem(await report(reporter, "message", message.id, "harassment"), 404, "not_found");
    expect((await report(b, "message", message.id, "harassment")).status).toBe(201);
    // A suspended user is out of view.
    await server.deps.db.query("UPDATE users SET suspended_at = now() WHERE id = $1", [a.id]);
    expectProblem(await report(reporter, "user", a.id), 404, "not_found");

    expectProblem(await report(reporter, "user", seller.id, "spam"), 400, "validation_failed");
    const extra = await reporter.client.post("/api/reports", {
      subject: { type: "user", id: seller.id },
      reason: "scam",
      details: "",
      severity: "high",
    });
    expectProblem(extra, 400, "validation_failed");
    const anonymous = await server
      .client()
      .post("/api/reports", { subject: { type: "user", id: seller.id }, reason: "scam" });
    expect(anonymous.status).toBe(401);
  });

  it("shows a reported message as evidence, and removes it with a notice citing the rule", async () => {
    const [a, b] = await Promise.all([newParty(server), newParty(server, "seller")]);
    const conversation = await conversationBetween(a, b);
    const message = await send(a, conversation, "pay me outside or else");
    const created = await report(b, "message", message.id, "harassment");
    const listed = (await queue("open")).find((r) => r.id === created.body.id);
    expect(listed?.evidence.map((e) => e.body)).toEqual(["pay me outside or else"]);

    const resolved = await admin.client.post(`/api/admin/reports/${created.body.id}/resolve`, {
      action: "remove",
      rule: "harassment",
      note: "Threats are not allowed.",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", action: "remove", rule: "harassment" });
    const seen = await b.client.get(`/api/conversations/${conversation}/messages`);
    expect(seen.body.data[0].body).toBe('[Removed by an admin under the rule "harassment".]');
    expectProblem(
      await admin.client.post(`/api/admin/reports/${created.body.id}/resolve`, {
        action: "dismiss",
        rule: "harassment",
        note: "again",
      }),
      409,
      "invalid_transition",
    );
  });

  it("removes a reported review from the gig's page", async () => {
    const c = await newCast(server);
    const order = await orderIn(c, "completed");
    await c.buyer.client.post(`/api/orders/${order.id}/reviews`, {
      rating: 1,
      communication: 1,
      serviceAsDescribed: 1,
      recommend: false,
      comment: "Contact me at evil.example",
    });
    await c.seller.client.post(`/api/orders/${order.id}/reviews`, { rating: 5, comment: "Fine buyer." });
    const published = await server.client().get(`/api/gigs/${c.gigId}/reviews`);
    const reviewId = published.body.data[0].id as string;
    const created = await report(c.seller, "review", reviewId, "off_platform");
    expect(created.status).toBe(201);
    const resolved = await admin.client.post(`/api/admin/reports/${created.body.id}/resolve`, {
      action: "remove",
      rule: "off-platform",
      note: "Reviews may not carry contact details.",
    });
    expect(resolved.status).toBe(200);
    expect((await server.client().get(`/api/gigs/${c.gigId}/reviews`)).body.data).toEqual([]);
  });

  it("warns by e-mail; a user cannot be removed; every action needs a rule", async () => {
    const [target, reporter] = await Promise.all([newParty(server), newParty(server)]);
    const created = await report(reporter, "user", target.id, "other", "Rude bio");
    const url = `/api/admin/reports/${created.body.id}/resolve`;
    expectProblem(
      await admin.client.post(url, { action: "warn", note: "Be kind." }),
      400,
      "validation_failed",
    );
    expectProblem(
      await admin.client.post(url, { action: "remove", rule: "conduct", note: "x" }),
      400,
      "invalid_action",
    );
    const warned = await admin.client.post(url, {
      action: "warn",
      rule: "conduct",
      note: "Keep your profile civil.",
    });
    expect(warned.status).toBe(200);
    const mail = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(target.email)}`);
    const warning = (mail.body.data as { subject: string; text: string }[]).find((m) =>
      m.subject.includes("warning"),
    );
    expect(warning?.text).toContain('"conduct"');
    expect(warning?.text).toContain("Keep your profile civil.");
  });

  it("keeps the queue, resolutions, appeals and the audit log to admins (404)", async () => {
    const member = await newParty(server);
    for (const path of ["/api/admin/reports", "/api/admin/appeals", "/api/admin/audit-log"])
      expectProblem(await member.client.get(path), 404, "not_found");
    expectProblem(
      await member.client.post("/api/admin/reports/rpt_x/resolve", {
        action: "dismiss",
        rule: "r",
        note: "n",
      }),
      404,
      "not_found",
    );
    expectProblem(
      await member.client.post("/api/admin/appeals/apl_x/decide", { outcome: "lifted", note: "n" }),
      404,
      "not_found",
    );
  });
});

describe("suspension, sign-in and appeal", () => {
  it("suspends from a report; the user reads the rule and reason; one appeal, decided by another admin", async () => {
    const [scammer, reporter] = await Promise.all([newParty(server, "seller"), newParty(server)]);
    const created = await report(reporter, "user", scammer.id, "scam", "Took my money");
    const resolved = await admin.client.post(`/api/admin/reports/${created.body.id}/resolve`, {
      action: "suspend",
      rule: "no-fraud",
      note: "Asked buyers to pay outside the platform and did not deliver.",
    });
    expect(resolved.status).toBe(200);

    const refused = await login(scammer);
    expectProblem(refused, 403, "account_suspended");
    expect(refused.body.detail).toContain("no-fraud");
    expect(refused.body.detail).toContain("did not deliver");
    // A wrong password still gets the usual answer (nothing about the suspension).
    const wrong = await server
      .client()
      .post("/api/auth/login", { email: scammer.email, password: "not the password" });
    expectProblem(wrong, 401, "invalid_credentials");

    // Appeals: the password proves who they are; one per suspension.
    const bad = await server
      .client()
      .post("/api/appeals", { email: scammer.email, password: "nope nope", text: "x" });
    expectProblem(bad, 401, "invalid_credentials");
    expectProblem(
      await server
        .client()
        .post("/api/appeals", { email: reporter.email, password: PASSWORD, text: "Let me in" }),
      409,
      "not_suspended",
    );
    const appeal = await server.client().post("/api/appeals", {
      email: scammer.email,
      password: PASSWORD,
      text: "I delivered; see order ord_1.",
    });
    expect(appeal.status).toBe(201);
    expectProblem(
      await server.client().post("/api/appeals", { email: scammer.email, password: PASSWORD, text: "Again" }),
      409,
      "appeal_exists",
    );

    const listed = await otherAdmin.client.get("/api/admin/appeals?status=open&limit=100");
    const mine = (listed.body.data as Appeal[]).find((a) => a.id === appeal.body.id);
    expect(mine).toMatchObject({
      status: "open",
      user: { username: scammer.username },
      suspension: { rule: "no-fraud", suspendedBy: { username: admin.username } },
    });

    // The admin who suspended cannot decide the appeal.
    expectProblem(
      await admin.client.post(`/api/admin/appeals/${appeal.body.id}/decide`, {
        outcome: "lifted",
        note: "ok",
      }),
      409,
      "same_admin",
    );
    const decided = await otherAdmin.client.post(`/api/admin/appeals/${appeal.body.id}/decide`, {
      outcome: "lifted",
      note: "The deliveries are on record.",
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: "lifted", decidedBy: { username: otherAdmin.username } });
    expect((await login(scammer)).status).toBe(200);

    // Every admin action is in the audit log, newest first, with the rule.
    const log = (await auditLog()).filter((e) => e.subject.id === scammer.id);
    expect(log.map((e) => [e.action, e.actor.username, e.rule])).toEqual([
      ["appeal.lift", otherAdmin.username, "no-fraud"],
      ["report.suspend", admin.username, "no-fraud"],
      ["user.suspend", admin.username, "no-fraud"],
    ]);
  });

  it("an upheld appeal keeps the suspension; a suspension with an end lifts itself", async () => {
    const user = await newParty(server);
    const until = new Date(Date.now() + 3 * DAY * 1000 + 60_000).toISOString();
    const suspended = await admin.client.post(`/api/admin/users/${user.id}/suspend`, {
      reason: "Cooling-off after abuse in messages",
      rule: "conduct",
      until,
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.suspension).toMatchObject({ rule: "conduct", endsAt: until });
    const refused = await login(user);
    expect(refused.body.detail).toContain(until);
    const appeal = await server
      .client()
      .post("/api/appeals", { email: user.email, password: PASSWORD, text: "Sorry." });
    const upheld = await otherAdmin.client.post(`/api/admin/appeals/${appeal.body.id}/decide`, {
      outcome: "upheld",
      note: "The messages speak for themselves.",
    });
    expect(upheld.body.status).toBe("upheld");
    expectProblem(await login(user), 403, "account_suspended");

    await advance(server, 4 * DAY);
    expect((await login(user)).status).toBe(200);
  });

  it("requires a reason and a rule to suspend (400), and a future end", async () => {
    const user = await newParty(server);
    const url = `/api/admin/users/${user.id}/suspend`;
    expectProblem(await admin.client.post(url, { reason: "x" }), 400, "validation_failed");
    expectProblem(
      await admin.client.post(url, { reason: "x", rule: "r", extra: 1 }),
      400,
      "validation_failed",
    );
    expectProblem(
      await admin.client.post(url, { reason: "x", rule: "r", until: "2001-01-01T00:00:00Z" }),
      409,
      "conflict",
    );
    const lifted = await admin.client.post(`/api/admin/users/${user.id}/reinstate`);
    expect(lifted.body).toMatchObject({ suspension: null });
  });
});
