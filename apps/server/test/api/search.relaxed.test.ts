import type { SearchGigsResult, SearchSynonym } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { longSessions, newParty } from "../orders/orders.helpers";
import { startTestServer, type TestServer } from "../harness";
import { buildGig, buildSeller } from "./search.helpers";

/**
 * Never a dead end (API.md section 14): partial matches after full ones, real words never
 * corrected, synonyms and abbreviations editable by admins and applied at once.
 */

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer(longSessions);
  const db = server.deps.db;
  const seller = await buildSeller(db, { level: "level_1" });
  const gig = (title: string, o: Parameters<typeof buildGig>[2] = {}) =>
    buildGig(server.deps, seller.id, {
      title,
      description: "Careful work, delivered on time.",
      tags: [],
      ...o,
    });
  ids = {
    three: await gig("I will shoot a velvet harbour lantern film", { orders: 0 }),
    twoStrong: await gig("I will paint a velvet harbour mural", { orders: 500 }),
    twoWeak: await gig("I will paint a velvet mural", { description: "Harbour scenes on request." }),
    one: await gig("I will write about a lantern", { orders: 900 }),
    sound: await gig("I will mix the sound of your band"),
    later: await gig("I will answer later tonight"),
    wordpress: await gig("I will fix your wordpress plugin", { category: "wordpress" }),
    ceramics: await gig("I will glaze ceramics for collectors"),
  };
});
afterAll(() => server.close());

async function search(params: Record<string, string>): Promise<SearchGigsResult> {
  const res = await server
    .client()
    .get<SearchGigsResult>(`/api/search/gigs?${new URLSearchParams(params).toString()}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe("a query whose words do not all match", () => {
  it("answers every gig matching all words first, then by how many words match", async () => {
    const result = await search({ q: "velvet harbour lantern" });
    expect(result.relaxed).toBe(true);
    expect(result.data.map((g) => g.id)).toEqual([ids.three, ids.twoStrong, ids.twoWeak, ids.one]);
    expect(result.total).toBe(4);
  });

  it("pages through the relaxed results with cursors, each gig once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchGigsResult = await search({
        q: "velvet harbour lantern",
        limit: "1",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.relaxed).toBe(true);
      seen.push(...page.data.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.three, ids.twoStrong, ids.twoWeak, ids.one]);
  });

  it("keeps other sorts within the tiers of matched words", async () => {
    const result = await search({ q: "velvet harbour lantern", sort: "best_selling" });
    // Three words, then two (best selling first), then one.
    expect(result.data.map((g) => g.id)).toEqual([ids.three, ids.twoStrong, ids.twoWeak, ids.one]);
  });

  it("understands a long sentence with filler words", async () => {
    const result = await search({
      q: "Hi, I am looking for someone who can quickly paint a velvet harbour mural for my cafe please",
    });
    expect(result.data[0]?.id).toBe(ids.twoStrong);
  });

  it("is not relaxed when enough gigs match every word", async () => {
    const result = await search({ q: "velvet" });
    expect(result.relaxed).toBe(false);
  });
});

describe("real words", () => {
  it("are never corrected into other words", async () => {
    for (const q of ["round", "latex"]) {
      const result = await search({ q: `${q} velvet` });
      expect(result.corrections).toEqual([]);
      expect(result.data.map((g) => g.id)).not.toContain(q === "round" ? ids.sound : ids.later);
    }
    // A typo still is.
    expect((await search({ q: "velvte" })).corrections).toEqual([{ from: "velvte", to: ["velvet"] }]);
  });
});

describe("synonyms and abbreviations", () => {
  it("apply the seeded table: wp finds WordPress", async () => {
    expect((await search({ q: "wp" })).data.map((g) => g.id)).toEqual([ids.wordpress]);
  });

  it("are edited by admins only, and apply at once", async () => {
    const admin = await newParty(server, "admin");
    const member = await newParty(server);
    // Admin routes are invisible to others.
    expect((await member.client.get("/api/admin/search/synonyms")).status).toBe(404);
    const listed = await admin.client.get<{ data: SearchSynonym[] }>("/api/admin/search/synonyms");
    expect(listed.body.data.find((s) => s.term === "wp")?.synonyms).toEqual(["wordpress"]);

    expect((await search({ q: "pottery" })).data).toEqual([]);
    expect(
      (await member.client.put("/api/admin/search/synonyms/pottery", { synonyms: ["ceramics"] })).status,
    ).toBe(404);
    const set = await admin.client.put<SearchSynonym>("/api/admin/search/synonyms/Pottery", {
      synonyms: ["Ceramics", "pottery"],
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ term: "pottery", synonyms: ["ceramics"] });
    expect((await search({ q: "pottery" })).data.map((g) => g.id)).toEqual([ids.ceramics]);

    const bad = await admin.client.put("/api/admin/search/synonyms/pottery", { synonyms: ["two words"] });
    expect(bad.status).toBe(400);

    expect((await admin.client.request("DELETE", "/api/admin/search/synonyms/pottery")).status).toBe(204);
    expect((await admin.client.request("DELETE", "/api/admin/search/synonyms/pottery")).status).toBe(404);
    expect((await search({ q: "pottery" })).data).toEqual([]);
  });
});
