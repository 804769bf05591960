import type { ModerationItem, MyGigCard, Problem } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { adminClient, createActiveGig, createGig, textOfLength, threePackages } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
let seller: ApiClient;
let admin: ApiClient;
let member: ApiClient;

beforeAll(async () => {
  // One seller publishes many gigs here; the level limit has its own test.
  server = await startTestServer((config) => {
    config.catalog.activeGigLimits.new = 100;
  });
  seller = server.client();
  await seller.signupSeller();
  admin = await adminClient(() => server.client(), server.client());
  member = server.client();
  await member.signupSeller();
});
afterAll(() => server.close());

const publish = (client: ApiClient, id: string) => client.post(`/api/gigs/${id}/publish`);

/** The ids of every gig in the moderation queue, walking all pages. */
async function queueIds(client: ApiClient, limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } =
      await client.get(
        `/api/admin/moderation/gigs?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
    expect(res.status).toBe(200);
    ids.push(...res.body.data.map((item) => item.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

describe("prohibited services", () => {
  it("sends a gig whose text hits the list to pending_review, naming the term", async () => {
    const gig = await createGig(seller, { title: "I will write Fake-Reviews for your online shop" });
    const res = await publish(seller, gig.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("pending_review");
    expect(res.body.moderationReason).toContain("fake reviews");
    expect(res.body.publishedAt).toBeNull();
    expect((await server.client().get(`/api/gigs/${gig.id}`)).status).toBe(404);
    const mine = await seller.get<{ data: MyGigCard[] }>("/api/me/gigs");
    expect(mine.body.data.find((g) => g.id === gig.id)).toMatchObject({
      status: "pending_review",
      moderationReason: expect.stringContaining("fake reviews"),
    });
  });

  it("matches whole words and phrases in the description and tags, case-insensitively", async () => {
    const inDescription = await createGig(seller, {
      description: `${textOfLength(150)} I also offer ESSAY FOR EXAM help.`,
    });
    expect((await publish(seller, inDescription.id)).body.status).toBe("pending_review");

    const inTags = await createGig(seller, { tags: ["instagram", "Followers Bot"] });
    const tagged = await publish(seller, inTags.id);
    expect(tagged.body.status).toBe("pending_review");
    expect(tagged.body.moderationReason).toContain("followers bot");

    const nearMiss = await createGig(seller, {
      title: "I will turn your fake idea into a real product",
      description: `${textOfLength(150)} Honest reviewers, adults welcome, no hacking accountability.`,
    });
    expect((await publish(seller, nearMiss.id)).body.status).toBe("active");
  });

  it("re-moderates an active gig when its text is edited", async () => {
    const gig = await createActiveGig(seller);
    const clean = await seller.patch(`/api/gigs/${gig.id}`, { tags: ["logo", "vector"] });
    expect(clean.body.status).toBe("active");
    const flagged = await seller.patch(`/api/gigs/${gig.id}`, { tags: ["logo", "fake id"] });
    expect(flagged.status).toBe(200);
    expect(flagged.body.status).toBe("pending_review");
    expect(flagged.body.moderationReason).toContain("fake id");
    expect((await server.client().get(`/api/gigs/${gig.id}`)).status).toBe(404);
    expect(await queueIds(admin)).toContain(gig.id);
  });
});

describe("prohibited services: attempts to slip past the check", () => {
  const basic = (description: string) => [
    { ...threePackages()[0], description },
    ...threePackages().slice(1),
  ];
  const bypasses: [string, Record<string, unknown>, string][] = [
    [
      "with a Cyrillic look-alike letter",
      { title: "I will write f\u0430ke reviews for your shop" },
      "fake reviews",
    ],
    ["with digit swaps", { title: "I will write f4k3 r3v13w5 for your shop" }, "fake reviews"],
    ["with a soft hyphen", { title: "I will write fa\u00ADke reviews for your shop" }, "fake reviews"],
    [
      "with zero-width characters",
      { title: "I will write fake\u200B re\u200Dviews for you" },
      "fake reviews",
    ],
    [
      "with full-width letters",
      { title: "I will write ｆａｋｅ ｒｅｖｉｅｗｓ for your shop" },
      "fake reviews",
    ],
    ["in a package's description", { packages: basic("Ten fake reviews on your page") }, "fake reviews"],
    [
      "in an extra",
      { extras: [{ title: "Add a fake ID", price: { amount: 1000, currency: "USD" }, additionalDays: 0 }] },
      "fake id",
    ],
    [
      "in the FAQ",
      { faq: [{ question: "Can you do more?", answer: "Yes, a f4ke p4ssp0rt too." }] },
      "fake passport",
    ],
    [
      "in a requirement's choice",
      { requirements: [{ question: "Which service?", kind: "choice", choices: ["Logo", "Counterfeit"] }] },
      "counterfeit",
    ],
  ];

  for (const [how, overrides, term] of bypasses) {
    it(`holds for review a gig that hides a term ${how}`, async () => {
      const gig = await createGig(seller, overrides);
      const res = await publish(seller, gig.id);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("pending_review");
      expect(res.body.moderationReason).toContain(term);
      expect((await server.client().get(`/api/gigs/${gig.id}`)).status).toBe(404);
    });
  }

  it("re-moderates an active gig whose FAQ, packages or extras are edited to carry a term", async () => {
    const edits: Record<string, unknown>[] = [
      { faq: [{ question: "Anything else?", answer: "Adult c0ntent on request." }] },
      { packages: basic("Includes fаke reviews") },
      { extras: [{ title: "F4KE ID add-on", price: { amount: 1000, currency: "USD" }, additionalDays: 0 }] },
    ];
    for (const edit of edits) {
      const gig = await createActiveGig(seller);
      const res = await seller.patch(`/api/gigs/${gig.id}`, edit);
      expect(res.status, JSON.stringify(edit)).toBe(200);
      expect(res.body.status, JSON.stringify(edit)).toBe("pending_review");
      expect(await queueIds(admin)).toContain(gig.id);
    }
  });
});

describe("admin moderation", () => {
  it("hides the queue and the decisions from non-admins with 404", async () => {
    const gig = await createGig(seller, { tags: ["adult content"] });
    await publish(seller, gig.id);
    for (const client of [seller, member]) {
      expect((await client.get("/api/admin/moderation/gigs")).status).toBe(404);
      expect((await client.post(`/api/admin/gigs/${gig.id}/approve`)).status).toBe(404);
      expect((await client.post(`/api/admin/gigs/${gig.id}/deny`, {})).status).toBe(404);
    }
    expect((await server.client().get("/api/admin/moderation/gigs")).status).toBe(401);
    expect((await seller.get(`/api/gigs/${gig.id}`)).body.status).toBe("pending_review");
  });

  it("lists gigs in review oldest first, paginated", async () => {
    const first = await createGig(seller, { tags: ["fake passport"] });
    const second = await createGig(seller, { tags: ["counterfeit"] });
    await publish(seller, first.id);
    await publish(seller, second.id);
    const clean = await createActiveGig(seller);

    const res = await admin.get<{ data: ModerationItem[] }>("/api/admin/moderation/gigs");
    expect(res.status).toBe(200);
    const item = res.body.data.find((i) => i.id === first.id);
    expect(item).toMatchObject({
      id: first.id,
      status: "pending_review",
      moderationReason: expect.stringContaining("fake passport"),
      reviewRequestedAt: expect.any(String),
    });

    const all = await queueIds(admin, 1);
    expect(all).toEqual(await queueIds(admin));
    expect(all).not.toContain(clean.id);
    expect(all.indexOf(first.id)).toBeLessThan(all.indexOf(second.id));
  });

  it("approves a gig: it goes live, and pausing and republishing does not queue it again", async () => {
    const gig = await createGig(seller, { title: "I will design a fake id prop for your film set" });
    await publish(seller, gig.id);
    const approved = await admin.post(`/api/admin/gigs/${gig.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("active");
    expect(approved.body.moderationReason).toBeNull();
    expect(approved.body.publishedAt).toEqual(expect.any(String));
    expect((await server.client().get(`/api/gigs/${gig.id}`)).status).toBe(200);
    expect(await queueIds(admin)).not.toContain(gig.id);

    const again = await admin.post(`/api/admin/gigs/${gig.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_transition");

    await seller.post(`/api/gigs/${gig.id}/pause`);
    expect((await publish(seller, gig.id)).body.status).toBe("active");
    // New text is moderated again.
    const edited = await seller.patch(`/api/gigs/${gig.id}`, {
      title: "I will design a fake id prop for your short film",
    });
    expect(edited.body.status).toBe("pending_review");
  });

  it("denies a gig with a reason; the owner may edit and publish again", async () => {
    const gig = await createGig(seller, { tags: ["hacking account"] });
    await publish(seller, gig.id);

    const noReason = await admin.post<Problem>(`/api/admin/gigs/${gig.id}/deny`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.path)).toContain("reason");

    const denied = await admin.post(`/api/admin/gigs/${gig.id}/deny`, {
      reason: "Account takeover is not allowed.",
    });
    expect(denied.status).toBe(200);
    expect(denied.body.status).toBe("denied");
    expect((await admin.post(`/api/admin/gigs/${gig.id}/deny`, { reason: "again" })).status).toBe(409);
    expect((await admin.post(`/api/admin/gigs/${gig.id}/approve`)).status).toBe(409);

    const seen = await seller.get(`/api/gigs/${gig.id}`);
    expect(seen.body).toMatchObject({
      status: "denied",
      moderationReason: "Account takeover is not allowed.",
    });
    expect((await server.client().get(`/api/gigs/${gig.id}`)).status).toBe(404);
    expect((await seller.post(`/api/gigs/${gig.id}/pause`)).status).toBe(409);

    // Unchanged text goes back to review; cleaned-up text goes live.
    expect((await publish(seller, gig.id)).body.status).toBe("pending_review");
    await admin.post(`/api/admin/gigs/${gig.id}/deny`, { reason: "Still not allowed." });
    const fixed = await seller.patch(`/api/gigs/${gig.id}`, { tags: ["account security", "audit"] });
    expect(fixed.body.status).toBe("denied");
    const live = await publish(seller, gig.id);
    expect(live.body.status).toBe("active");
    expect(live.body.moderationReason).toBeNull();
  });

  it("answers 404 for an unknown gig and 409 for a gig not in review", async () => {
    expect((await admin.post("/api/admin/gigs/gig_unknown/approve")).status).toBe(404);
    const gig = await createActiveGig(seller);
    const res = await admin.post(`/api/admin/gigs/${gig.id}/deny`, { reason: "No." });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("invalid_transition");
  });
});
