import type { Gig, GigCard, MyGigCard } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import {
  adminClient,
  basicPackage,
  createActiveGig,
  createGig,
  gigBody,
  textOfLength,
  threePackages,
} from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
let seller: ApiClient;
let sellerUser: { id: string; username: string };
let stranger: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  seller = server.client();
  sellerUser = await seller.signupSeller();
  stranger = server.client();
  await stranger.signupSeller();
  admin = await adminClient(() => server.client(), server.client());
});
afterAll(() => server.close());

/** Creates a gig with `overrides` and returns the response (no status assertion). */
const attempt = (overrides: Record<string, unknown>) => seller.post("/api/gigs", gigBody(overrides));

type CardPage = { data: GigCard[]; nextCursor: string | null };
type MyGigPage = { data: MyGigCard[]; nextCursor: string | null };

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe("POST /api/gigs", () => {
  it("needs a signed-in seller", async () => {
    const anonymous = await server.client().post("/api/gigs", gigBody());
    expect(anonymous.status).toBe(401);

    const buyer = server.client();
    await buyer.signup();
    const res = await buyer.post("/api/gigs", gigBody());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("not_a_seller");
  });

  it("creates a draft with ids, a slug, the seller summary and the figures of the basic package", async () => {
    const res = await seller.post<Gig>(
      "/api/gigs",
      gigBody({ tags: ["Logo", "logo", " Branding "], aiAssisted: true }),
    );
    expect(res.status).toBe(201);
    const gig = res.body;
    expect(gig).toMatchObject({
      id: expect.stringMatching(/^gig_/),
      status: "draft",
      slug: "i-will-design-a-modern-minimalist-logo-for-your-brand",
      title: "I will design a modern minimalist logo for your brand",
      category: {
        slug: "logo-design",
        name: "Logo Design",
        parent: { slug: "graphics-design", name: "Graphics & Design" },
      },
      tags: ["logo", "branding"],
      aiAssisted: true,
      startingPrice: { amount: 2500, currency: "USD" },
      deliveryDays: 3,
      rating: { average: null, count: 0 },
      ordersCompleted: 0,
      images: [],
      coverImageUrl: null,
      publishedAt: null,
      moderationReason: null,
      seller: {
        username: sellerUser.username,
        displayName: sellerUser.username,
        level: "new",
        rating: { average: null, count: 0 },
        memberSince: expect.any(String),
        country: "DE",
      },
    });
    expect(gig.packages).toHaveLength(3);
    expect(gig.packages[2]).toMatchObject({ tier: "premium", revisions: null });
    expect(gig.extras[0]!.id).toMatch(/^ext_/);
    expect(gig.requirements.map((r) => r.id)).toEqual([
      expect.stringMatching(/^req_/),
      expect.stringMatching(/^req_/),
    ]);
    expect(gig.requirements[0]).not.toHaveProperty("choices");
    expect(gig.requirements[1]!.choices).toEqual(["Modern", "Vintage"]);
    expect(Date.parse(gig.createdAt)).not.toBeNaN();
  });

  it("leaves extras, faq and requirements empty and aiAssisted false when they are left out", async () => {
    const body = gigBody({ packages: [basicPackage({ features: undefined })] });
    delete body.extras;
    delete body.faq;
    delete body.requirements;
    delete body.aiAssisted;
    const res = await seller.post("/api/gigs", body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ extras: [], faq: [], requirements: [], aiAssisted: false });
    expect(res.body.packages[0].features).toEqual([]);
  });

  it("keeps client-given extra and requirement ids", async () => {
    const res = await attempt({
      extras: [
        { id: "ext_mine1", title: "Source file", price: { amount: 500, currency: "USD" }, additionalDays: 1 },
      ],
      requirements: [{ id: "req_mine1", question: "Your logo text?", kind: "text", required: true }],
    });
    expect(res.status).toBe(201);
    expect(res.body.extras[0].id).toBe("ext_mine1");
    expect(res.body.requirements[0].id).toBe("req_mine1");
  });

  it("makes slugs unique per seller", async () => {
    const title = "I will write a catchy slogan for your small business";
    const first = await createGig(seller, { title });
    const second = await createGig(seller, { title });
    const other = await createGig(stranger, { title });
    expect(first.slug).toBe("i-will-write-a-catchy-slogan-for-your-small-business");
    expect(second.slug).toBe(`${first.slug}-2`);
    expect(other.slug).toBe(first.slug);
  });
});

describe("GET /api/gigs/:id", () => {
  it("shows a draft to its owner and admins only", async () => {
    const gig = await createGig(seller);
    expect((await seller.get(`/api/gigs/${gig.id}`)).status).toBe(200);
    const asAdmin = await admin.get(`/api/gigs/${gig.id}`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.status).toBe("draft");
    expect((await stranger.get(`/api/gigs/${gig.id}`)).status).toBe(404);
    const anonymous = await server.client().get(`/api/gigs/${gig.id}`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.body.code).toBe("not_found");
  });

  it("shows an active gig to everyone", async () => {
    const gig = await createActiveGig(seller);
    const res = await server.client().get(`/api/gigs/${gig.id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("active");
    expect(res.body.id).toBe(gig.id);
  });

  it("answers 404 for unknown ids and slugs", async () => {
    const gig = await createActiveGig(seller);
    expect((await seller.get("/api/gigs/gig_doesnotexist")).status).toBe(404);
    expect((await seller.get(`/api/gigs/${gig.slug}`)).status).toBe(404);
  });
});

describe("PATCH /api/gigs/:id", () => {
  it("lets only the owner edit (everyone else gets 404)", async () => {
    const gig = await createGig(seller);
    const change = { title: "I will design a bold logo for your new startup" };
    expect((await stranger.patch(`/api/gigs/${gig.id}`, change)).status).toBe(404);
    expect((await admin.patch(`/api/gigs/${gig.id}`, change)).status).toBe(404);
    expect((await server.client().patch(`/api/gigs/${gig.id}`, change)).status).toBe(401);
    expect((await seller.patch("/api/gigs/gig_nothere", change)).status).toBe(404);
    const res = await seller.patch(`/api/gigs/${gig.id}`, change);
    expect(res.status).toBe(200);
    expect(res.body.title).toBe(change.title);
  });

  it("changes only the fields given and keeps ids of extras stable", async () => {
    const gig = await createGig(seller);
    const [extra] = gig.extras;
    const res = await seller.patch<Gig>(`/api/gigs/${gig.id}`, {
      extras: [
        { ...extra, title: "Express delivery" },
        { title: "Source file", price: { amount: 1500, currency: "USD" }, additionalDays: 1 },
      ],
      packages: [basicPackage({ price: { amount: 4000, currency: "USD" }, deliveryDays: 2 })],
      categorySlug: "illustration",
    });
    expect(res.status).toBe(200);
    expect(res.body.extras[0]).toMatchObject({ id: extra!.id, title: "Express delivery" });
    expect(res.body.extras[1]!.id).toMatch(/^ext_/);
    expect(res.body.extras[1]!.id).not.toBe(extra!.id);
    expect(res.body.startingPrice).toEqual({ amount: 4000, currency: "USD" });
    expect(res.body.deliveryDays).toBe(2);
    expect(res.body.category.slug).toBe("illustration");
    expect(res.body.title).toBe(gig.title);
    expect(res.body.description).toBe(gig.description);
    expect(res.body.requirements).toEqual(gig.requirements);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(gig.updatedAt));
  });

  it("validates like creation", async () => {
    const gig = await createGig(seller);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: textOfLength(14) }, "title"],
      [{ description: textOfLength(119) }, "description"],
      [{ tags: [] }, "tags"],
      [{ packages: threePackages([2500, 5000, 4000]) }, "packages.2.price.amount"],
      [{ categorySlug: "writing-translation" }, "categorySlug"],
      [{ status: "active" }, "status"],
      [
        { packages: [basicPackage({ price: { amount: 2500, currency: "GBP" } })] },
        "packages.0.price.currency",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await seller.patch(`/api/gigs/${gig.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res)).toContain(path);
    }
    const after = await seller.get(`/api/gigs/${gig.id}`);
    expect(after.body.updatedAt).toBe(gig.updatedAt);
  });

  it("follows the title with the slug until the gig is first published", async () => {
    const gig = await createGig(seller, { title: "I will draw a cute cartoon portrait of your pet" });
    const renamed = await seller.patch(`/api/gigs/${gig.id}`, {
      title: "I will draw a funny cartoon portrait of your pet",
    });
    expect(renamed.body.slug).toBe("i-will-draw-a-funny-cartoon-portrait-of-your-pet");
    await seller.post(`/api/gigs/${gig.id}/publish`);
    const again = await seller.patch(`/api/gigs/${gig.id}`, {
      title: "I will draw a lovely cartoon portrait of your pet",
    });
    expect(again.body.slug).toBe("i-will-draw-a-funny-cartoon-portrait-of-your-pet");
    expect(again.body.status).toBe("active");
  });
});

describe("gig lifecycle", () => {
  it("publishes, pauses, republishes and archives, refusing wrong transitions with 409", async () => {
    const gig = await createGig(seller);
    const url = `/api/gigs/${gig.id}`;

    const paused = await seller.post(`${url}/pause`);
    expect(paused.status).toBe(409);
    expect(paused.body.code).toBe("invalid_transition");

    const published = await seller.post(`${url}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("active");
    expect(published.body.publishedAt).toEqual(expect.any(String));

    const twice = await seller.post(`${url}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("invalid_transition");

    expect((await seller.post(`${url}/pause`)).body.status).toBe("paused");
    expect((await seller.post(`${url}/pause`)).status).toBe(409);
    expect((await server.client().get(url)).status).toBe(404);

    const republished = await seller.post(`${url}/publish`);
    expect(republished.body.status).toBe("active");
    expect(republished.body.publishedAt).toBe(published.body.publishedAt);

    const archived = await seller.delete(url);
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe("archived");
    expect((await server.client().get(url)).status).toBe(404);
    expect((await stranger.get(url)).status).toBe(404);

    for (const res of [
      await seller.delete(url),
      await seller.post(`${url}/publish`),
      await seller.post(`${url}/pause`),
      await seller.patch(url, { aiAssisted: true }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("invalid_transition");
    }
  });

  it("lets only the owner change the status", async () => {
    const gig = await createActiveGig(seller);
    expect((await stranger.post(`/api/gigs/${gig.id}/pause`)).status).toBe(404);
    expect((await stranger.delete(`/api/gigs/${gig.id}`)).status).toBe(404);
    expect((await admin.post(`/api/gigs/${gig.id}/pause`)).status).toBe(404);
    expect((await server.client().post(`/api/gigs/${gig.id}/pause`)).status).toBe(401);
    expect((await seller.get(`/api/gigs/${gig.id}`)).body.status).toBe("active");
  });

  it("archives drafts too", async () => {
    const gig = await createGig(seller);
    const res = await seller.delete(`/api/gigs/${gig.id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("archived");
  });
});

describe("active gig limit", () => {
  it("refuses a New seller's 5th active gig with 409 gig_limit_reached, counting gigs in review", async () => {
    const newSeller = server.client();
    await newSeller.signupSeller();
    const active = [];
    for (let i = 0; i < 3; i++) active.push(await createActiveGig(newSeller));
    const flagged = await createGig(newSeller, { tags: ["reviews", "fake reviews"] });
    expect((await newSeller.post(`/api/gigs/${flagged.id}/publish`)).body.status).toBe("pending_review");

    const fifth = await createGig(newSeller);
    const refused = await newSeller.post(`/api/gigs/${fifth.id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("gig_limit_reached");
    expect((await newSeller.get(`/api/gigs/${fifth.id}`)).body.status).toBe("draft");

    // Drafts and paused gigs do not count: pausing one frees a slot.
    await newSeller.post(`/api/gigs/${active[0]!.id}/pause`);
    expect((await newSeller.post(`/api/gigs/${fifth.id}/publish`)).body.status).toBe("active");
    const back = await newSeller.post(`/api/gigs/${active[0]!.id}/publish`);
    expect(back.status).toBe(409);
    expect(back.body.code).toBe("gig_limit_reached");

    // Archiving frees a slot too.
    await newSeller.delete(`/api/gigs/${active[1]!.id}`);
    expect((await newSeller.post(`/api/gigs/${active[0]!.id}/publish`)).body.status).toBe("active");
  });
});

describe("GET /api/users/:username/gigs", () => {
  it("lists the seller's active gigs as cards, newest first, paginated", async () => {
    const owner = server.client();
    const user = await owner.signupSeller();
    const first = await createActiveGig(owner, { title: "I will edit your podcast episode professionally" });
    const second = await createActiveGig(owner, {
      title: "I will mix and master your song for streaming",
      packages: [basicPackage({ price: { amount: 9900, currency: "USD" }, deliveryDays: 4 })],
    });
    await createGig(owner); // a draft
    const paused = await createActiveGig(owner);
    await owner.post(`/api/gigs/${paused.id}/pause`);

    const res = await server.client().get<CardPage>(`/api/users/${user.username}/gigs`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data.map((g) => g.id)).toEqual([second.id, first.id]);
    expect(res.body.data[0]).toEqual({
      id: second.id,
      title: "I will mix and master your song for streaming",
      slug: second.slug,
      seller: { username: user.username, displayName: user.username, level: "new" },
      startingPrice: { amount: 9900, currency: "USD" },
      // 9.90 × 5.5% = 5.45, plus the 3.00 small-order fee under 100.00.
      startingPriceAllIn: { amount: 10745, currency: "USD" },
      rating: { average: null, count: 0 },
      deliveryDays: 4,
      coverImageUrl: null,
      aiUse: "none",
    });

    const page1 = await server.client().get<CardPage>(`/api/users/${user.username}/gigs?limit=1`);
    expect(page1.body.data.map((g) => g.id)).toEqual([second.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await server
      .client()
      .get<CardPage>(
        `/api/users/${user.username}/gigs?limit=1&cursor=${encodeURIComponent(page1.body.nextCursor ?? "")}`,
      );
    expect(page2.body.data.map((g) => g.id)).toEqual([first.id]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it("answers 404 for an unknown user, an empty list for a non-seller and 400 for a bad cursor", async () => {
    expect((await server.client().get("/api/users/nobody_here_at_all/gigs")).status).toBe(404);
    const buyer = server.client();
    const user = await buyer.signup();
    const res = await server.client().get(`/api/users/${user.username}/gigs`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
    const bad = await server.client().get(`/api/users/${sellerUser.username}/gigs?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(paths(bad)).toContain("cursor");
    expect((await server.client().get(`/api/users/${user.username}/gigs?limit=101`)).status).toBe(400);
  });
});

describe("GET /api/me/gigs", () => {
  it("lists the caller's gigs of every status but archived", async () => {
    const owner = server.client();
    await owner.signupSeller();
    const draft = await createGig(owner);
    const active = await createActiveGig(owner);
    const paused = await createActiveGig(owner);
    await owner.post(`/api/gigs/${paused.id}/pause`);
    const archived = await createGig(owner);
    await owner.delete(`/api/gigs/${archived.id}`);

    const res = await owner.get<MyGigPage>("/api/me/gigs");
    expect(res.status).toBe(200);
    const byId = new Map(res.body.data.map((g) => [g.id, g.status]));
    expect(Object.fromEntries(byId)).toEqual({
      [draft.id]: "draft",
      [active.id]: "active",
      [paused.id]: "paused",
    });
    expect(res.body.data[0]).toMatchObject({ id: paused.id, status: "paused", moderationReason: null });

    const onlyActive = await owner.get<MyGigPage>("/api/me/gigs?status=active");
    expect(onlyActive.body.data.map((g) => g.id)).toEqual([active.id]);
    expect((await owner.get("/api/me/gigs?status=archived")).status).toBe(400);
    expect((await server.client().get("/api/me/gigs")).status).toBe(401);
  });
});
