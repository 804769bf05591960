import type { Gig } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGig } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";
import { advance, newParty, type Party } from "../orders/orders.helpers";

/** A denied gig tells its seller why: in the app, and by e-mail unless they turned those off. */
let server: TestServer;
let admin: Party;
beforeAll(async () => {
  server = await startTestServer();
  admin = await newParty(server, "admin");
});
afterAll(() => server.close());

interface NotificationItem {
  kind: string;
  category: string;
  title: string;
  body: string | null;
  link: string | null;
  data: Record<string, unknown>;
}

async function notificationsOf(p: Party): Promise<NotificationItem[]> {
  const res = await p.client.get<{ data: NotificationItem[] }>("/api/notifications");
  expect(res.status).toBe(200);
  return res.body.data;
}

async function mailTo(to: string) {
  await advance(server, 0); // sends the outbox's due e-mails
  const res = await admin.client.get<{ data: { subject: string; text: string }[] }>(
    `/api/dev/mailbox/messages?to=${encodeURIComponent(to)}`,
  );
  expect(res.status).toBe(200);
  // Every signup is sent "Confirm your e-mail address" (docs/accounts.md); these tests are about the rest.
  return res.body.data.filter((m) => m.subject !== "Confirm your e-mail address");
}

/** A gig whose title hits the prohibited list waits in review after publishing. */
async function gigInReview(seller: Party): Promise<Gig> {
  const gig = await createGig(seller.client, { title: "I will write Fake-Reviews for your online shop" });
  const published = await seller.client.post<Gig>(`/api/gigs/${gig.id}/publish`);
  expect(published.body.status).toBe("pending_review");
  return gig;
}

describe("a denied gig", () => {
  it("notifies its seller with the admin's reason, in the app and by e-mail", async () => {
    const seller = await newParty(server, "seller");
    const gig = await gigInReview(seller);
    const reason = "Reviews must come from real buyers; we cannot list paid reviews.";
    const denied = await admin.client.post(`/api/admin/gigs/${gig.id}/deny`, { reason });
    expect(denied.status).toBe(200);

    const mine = (await notificationsOf(seller)).filter((n) => n.kind === "gig_denied");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      category: "account",
      title: `Your gig was not approved: ${gig.title}`,
      link: `/seller/gigs/${gig.id}/edit`,
      data: { gigId: gig.id, reason },
    });
    expect(mine[0]?.body).toContain(reason);
    // Nobody else hears of it.
    expect((await notificationsOf(admin)).some((n) => n.kind === "gig_denied")).toBe(false);

    const mails = await mailTo(seller.email);
    const mail = mails.find((m) => m.subject.includes("Your gig was not approved"));
    expect(mail?.text).toContain(reason);
  });

  it("is not e-mailed to a seller who turned off account e-mails, and still shows in the app", async () => {
    const seller = await newParty(server, "seller");
    const prefs = await seller.client.put("/api/notifications/preferences", {
      data: [{ category: "account", email: false }],
    });
    expect(prefs.status).toBe(200);
    const gig = await gigInReview(seller);
    await admin.client.post(`/api/admin/gigs/${gig.id}/deny`, { reason: "Not allowed here." });
    expect((await notificationsOf(seller)).map((n) => n.kind)).toContain("gig_denied");
    expect(await mailTo(seller.email)).toEqual([]);
  });
});
