import type { Gig } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { gigBody } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

/** A gig's creator-credit fields (API.md section 12): licences, AI declaration, protection, AI training. */
let server: TestServer;
let seller: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  seller = server.client();
  await seller.signupSeller();
});
afterAll(() => server.close());

const usd = (amount: number) => ({ amount, currency: "USD" });

describe("creator credit on gigs", () => {
  it("stores licences cheapest first, the AI declaration, protection and AI-training consent", async () => {
    const res = await seller.post<Gig>(
      "/api/gigs",
      gigBody({
        licences: [
          { kind: "commercial", price: usd(2500) },
          { kind: "personal", price: usd(0) },
        ],
        aiUse: "generated",
        aiTools: ["Midjourney"],
        protectDeliveries: true,
        allowAiTraining: true,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      licences: [
        { kind: "personal", price: usd(0) },
        { kind: "commercial", price: usd(2500) },
      ],
      aiUse: "generated",
      aiTools: ["Midjourney"],
      aiAssisted: true,
      protectDeliveries: true,
      allowAiTraining: true,
    });
    // The older flag alone keeps the stronger declaration; false clears it.
    const kept = await seller.patch<Gig>(`/api/gigs/${res.body.id}`, { aiAssisted: true });
    expect(kept.body).toMatchObject({ aiUse: "generated", aiTools: ["Midjourney"] });
    const cleared = await seller.patch<Gig>(`/api/gigs/${res.body.id}`, { aiAssisted: false });
    expect(cleared.body).toMatchObject({ aiUse: "none", aiTools: [], aiAssisted: false });
  });

  it("offers personal at 0 when a gig lists no licences", async () => {
    const res = await seller.post<Gig>("/api/gigs", gigBody());
    expect(res.body.licences).toEqual([{ kind: "personal", price: usd(0) }]);
    expect(res.body).toMatchObject({ aiUse: "none", protectDeliveries: false, allowAiTraining: false });
  });

  it("refuses AI use without tools and a licence offered twice (400 naming the field)", async () => {
    const noTools = await seller.post("/api/gigs", gigBody({ aiUse: "assisted" }));
    expect(noTools.status).toBe(400);
    expect(noTools.body).toMatchObject({ code: "validation_failed", errors: [{ path: "aiTools" }] });
    const twice = await seller.post(
      "/api/gigs",
      gigBody({
        licences: [
          { kind: "personal", price: usd(0) },
          { kind: "personal", price: usd(100) },
        ],
      }),
    );
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ code: "validation_failed", errors: [{ path: "licences.1.kind" }] });
  });
});
