import type { Gig, MyGigCard } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { gigBody, textOfLength, threePackages } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

/**
 * The gig editor saves a draft from its first step: a draft may lack its description and packages,
 * and fills them in step by step; publishing still needs the whole gig.
 */
let server: TestServer;
let seller: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  seller = server.client();
  await seller.signupSeller();
});
afterAll(() => server.close());

const overview = {
  title: "I will letter a hand-drawn logo for your small shop",
  categorySlug: "logo-design",
  tags: ["lettering", "logo"],
  aiAssisted: false,
};

describe("a draft saved from the editor's first step", () => {
  it("is created with the overview alone, has no price yet, and is on the seller's list", async () => {
    const res = await seller.post<Gig>("/api/gigs", overview);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "draft",
      title: overview.title,
      category: { slug: "logo-design" },
      tags: ["lettering", "logo"],
      description: "",
      packages: [],
      extras: [],
      startingPrice: { amount: 0, currency: "USD" },
      deliveryDays: 0,
    });
    const again = await seller.get<Gig>(`/api/gigs/${res.body.id}`);
    expect(again.body).toMatchObject({ title: overview.title, packages: [], description: "" });

    const mine = await seller.get<{ data: MyGigCard[] }>("/api/me/gigs?status=draft");
    expect(mine.body.data.map((gig) => gig.id)).toContain(res.body.id);
  });

  it("cannot be published until it has packages and a description, then can", async () => {
    const { body: draft } = await seller.post<Gig>("/api/gigs", overview);

    const early = await seller.post(`/api/gigs/${draft.id}/publish`);
    expect(early.status).toBe(409);
    expect(early.headers.get("content-type")).toContain("application/problem+json");
    expect(early.body.code).toBe("gig_incomplete");
    expect(early.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "description",
      "packages",
    ]);

    const priced = await seller.patch<Gig>(`/api/gigs/${draft.id}`, {
      packages: threePackages(),
      extras: [],
    });
    expect(priced.status).toBe(200);
    expect(priced.body.startingPrice).toEqual({ amount: 2500, currency: "USD" });
    const stillShort = await seller.post(`/api/gigs/${draft.id}/publish`);
    expect(stillShort.status).toBe(409);
    expect(stillShort.body.errors.map((e: { path: string }) => e.path)).toEqual(["description"]);
    // Nothing was published by the refused attempts.
    expect((await seller.get<Gig>(`/api/gigs/${draft.id}`)).body.status).toBe("draft");

    const described = await seller.patch<Gig>(`/api/gigs/${draft.id}`, {
      description: textOfLength(200),
      faq: [],
    });
    expect(described.status).toBe(200);
    const published = await seller.post<Gig>(`/api/gigs/${draft.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("active");
    // Visitors see it now.
    expect((await server.client().get(`/api/gigs/${draft.id}`)).status).toBe(200);
  });

  it("still checks every field that is given, and still needs the overview", async () => {
    const short = await seller.post("/api/gigs", { ...overview, description: "too short" });
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e: { path: string }) => e.path)).toContain("description");

    const noTitle = await seller.post("/api/gigs", { categorySlug: "logo-design", tags: ["logo"] });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors.map((e: { path: string }) => e.path)).toContain("title");

    const { body: draft } = await seller.post<Gig>("/api/gigs", overview);
    const emptied = await seller.patch(`/api/gigs/${draft.id}`, { packages: [] });
    expect(emptied.status).toBe(400);
  });

  it("a complete gig body still creates a publishable draft in one request", async () => {
    const { body: gig } = await seller.post<Gig>("/api/gigs", gigBody());
    const published = await seller.post<Gig>(`/api/gigs/${gig.id}/publish`);
    expect(published.status).toBe(200);
  });
});
