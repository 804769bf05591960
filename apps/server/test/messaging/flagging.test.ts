import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { advance, DAY, expectProblem, longSessions } from "../orders/orders.helpers";
import { conversationBetween, newParty, send, type Party } from "./messaging.helpers";

let server: TestServer;
let seller: Party;
let admin: Party;

beforeAll(async () => {
  server = await startTestServer(longSessions);
  [seller, admin] = await Promise.all([newParty(server, "seller"), newParty(server, "admin")]);
});
afterAll(() => server.close());

async function reportsOf(username: string, status?: "open" | "closed") {
  const res = await admin.client.get(`/api/admin/reports${status ? `?status=${status}` : ""}`);
  expect(res.status).toBe(200);
  return (
    res.body.data as {
      subject: { username: string };
      evidence: { body: string }[];
      status: string;
      id: string;
    }[]
  ).filter((r) => r.subject.username === username);
}

async function notificationsOf(p: Party) {
  const res = await p.client.get("/api/notifications?limit=100");
  expect(res.status).toBe(200);
  return res.body.data as {
    kind: string;
    title: string;
    body: string | null;
    data: Record<string, unknown>;
  }[];
}

describe("off-platform flagging", () => {
  it("flags contact details with a warning both sides see, and leaves ordinary messages alone", async () => {
    const buyer = await newParty(server);
    const id = await conversationBetween(buyer, seller);
    const plain = await send(buyer, id, "Can you deliver 3 logos at 1920x1080 for $50 by 12/05/2026?");
    expect(plain).toMatchObject({ flags: [], warning: null });
    const flagged = await send(buyer, id, "easier by mail: bob at gmail dot com");
    expect(flagged.flags).toEqual(["off_platform_contact"]);
    expect(flagged.warning).toMatch(/Atelier/);

    const sellerView = await seller.client.get(`/api/conversations/${id}/messages`);
    expect(sellerView.body.data[0]).toMatchObject({ id: flagged.id, flags: ["off_platform_contact"] });
    expect(sellerView.body.data[0].warning).toBe(flagged.warning);

    // Both sides are warned by a notification; the recipient's does not quote the flagged text.
    const mine = await notificationsOf(buyer);
    expect(mine.some((n) => n.kind === "off_platform_warning")).toBe(true);
    const theirs = await notificationsOf(seller);
    expect(theirs.some((n) => n.kind === "off_platform_warning" && n.data.messageId === flagged.id)).toBe(
      true,
    );
    expect(JSON.stringify(theirs)).not.toContain("bob at gmail");
  });

  it("opens an admin report at the third flagged message within 30 days, then adds evidence to it", async () => {
    const pushy = await newParty(server);
    const id = await conversationBetween(pushy, seller);
    await send(pushy, id, "call me at +1 415 555 0198");
    await send(pushy, id, "or whatsapp me, it's faster");
    expect(await reportsOf(pushy.username)).toEqual([]);
    await send(pushy, id, "paypal.me/pushydesigns and we skip the fees");
    const [report] = await reportsOf(pushy.username, "open");
    expect(report).toMatchObject({ kind: "off_platform_contact", status: "open" });
    expect(report!.evidence.map((e) => e.body)).toEqual([
      "call me at +1 415 555 0198",
      "or whatsapp me, it's faster",
      "paypal.me/pushydesigns and we skip the fees",
    ]);
    // Admins hear of it.
    expect((await notificationsOf(admin)).some((n) => n.kind === "report_opened")).toBe(true);

    await send(pushy, id, "my telegram is @pushy");
    const [grown] = await reportsOf(pushy.username, "open");
    expect(grown!.id).toBe(report!.id);
    expect(grown!.evidence).toHaveLength(4);

    // Closing it: new evidence starts counting again from the closing.
    const closed = await admin.client.post(`/api/admin/reports/${report!.id}/close`, {
      resolution: "Warned the user.",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "resolved", resolution: "Warned the user." });
    expectProblem(
      await admin.client.post(`/api/admin/reports/${report!.id}/close`, { resolution: "again" }),
      409,
      "invalid_transition",
    );
    await advance(server, 1);
    await send(pushy, id, "mail me: pushy@example.org");
    expect(await reportsOf(pushy.username, "open")).toEqual([]);
  });

  it("counts only the last 30 days", async () => {
    const slow = await newParty(server);
    const id = await conversationBetween(slow, seller);
    await send(slow, id, "call me at 555-123-4567");
    await send(slow, id, "my email: slow@example.org");
    await advance(server, 31 * DAY);
    await send(slow, id, "skype: slow.designer");
    expect(await reportsOf(slow.username)).toEqual([]);
  });

  it("keeps reports to admins (404 for everyone else)", async () => {
    const member = await newParty(server);
    expectProblem(await member.client.get("/api/admin/reports"), 404, "not_found");
    expectProblem(
      await seller.client.post("/api/admin/reports/rpt_x/close", { resolution: "x" }),
      404,
      "not_found",
    );
    expectProblem(
      await admin.client.post("/api/admin/reports/rpt_unknown/close", { resolution: "x" }),
      404,
      "not_found",
    );
  });
});
