import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { basicPackage, gigBody, textOfLength, threePackages } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

// The rules a gig body must follow (API.md section 2), through POST /api/gigs. Moved from
// catalog.gigs.test.ts, which keeps creation, reading, editing and the lifecycle.

let server: TestServer;
let seller: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  seller = server.client();
  await seller.signupSeller();
});
afterAll(() => server.close());

/** Creates a gig with `overrides` and returns the response (no status assertion). */
const attempt = (overrides: Record<string, unknown>) => seller.post("/api/gigs", gigBody(overrides));

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe("gig validation", () => {
  const cases: { name: string; overrides: () => Record<string, unknown>; status: number; path?: string }[] = [
    {
      name: "title of 14 characters",
      overrides: () => ({ title: textOfLength(14) }),
      status: 400,
      path: "title",
    },
    { name: "title of 15 characters", overrides: () => ({ title: textOfLength(15) }), status: 201 },
    { name: "title of 80 characters", overrides: () => ({ title: textOfLength(80) }), status: 201 },
    {
      name: "title of 81 characters",
      overrides: () => ({ title: textOfLength(81) }),
      status: 400,
      path: "title",
    },
    {
      name: "title padded with spaces to 15",
      overrides: () => ({ title: `  ${textOfLength(14)}  ` }),
      status: 400,
      path: "title",
    },
    {
      name: "description of 119 characters",
      overrides: () => ({ description: textOfLength(119) }),
      status: 400,
      path: "description",
    },
    {
      name: "description of 120 characters",
      overrides: () => ({ description: textOfLength(120) }),
      status: 201,
    },
    {
      name: "description of 5000 characters",
      overrides: () => ({ description: textOfLength(5000) }),
      status: 201,
    },
    {
      name: "description of 5001 characters",
      overrides: () => ({ description: textOfLength(5001) }),
      status: 400,
      path: "description",
    },
    { name: "no tags", overrides: () => ({ tags: [] }), status: 400, path: "tags" },
    { name: "one tag", overrides: () => ({ tags: ["logo"] }), status: 201 },
    { name: "five tags", overrides: () => ({ tags: ["aa", "bb", "cc", "dd", "ee"] }), status: 201 },
    {
      name: "six tags",
      overrides: () => ({ tags: ["aa", "bb", "cc", "dd", "ee", "ff"] }),
      status: 400,
      path: "tags",
    },
    { name: "a one-letter tag", overrides: () => ({ tags: ["logo", "a"] }), status: 400, path: "tags.1" },
    { name: "a 31-letter tag", overrides: () => ({ tags: ["x".repeat(31)] }), status: 400, path: "tags.0" },
    { name: "a 30-letter tag", overrides: () => ({ tags: ["x".repeat(30)] }), status: 201 },
    { name: "no packages", overrides: () => ({ packages: [] }), status: 400, path: "packages" },
    { name: "the basic package alone", overrides: () => ({ packages: [basicPackage()] }), status: 201 },
    {
      name: "two tiers",
      overrides: () => ({ packages: threePackages().slice(0, 2) }),
      status: 400,
      path: "packages",
    },
    {
      name: "tiers out of order",
      overrides: () => ({ packages: [threePackages()[0], threePackages()[2], threePackages()[1]] }),
      status: 400,
      path: "packages.1.tier",
    },
    {
      name: "a standard package alone",
      overrides: () => ({ packages: [threePackages()[1]] }),
      status: 400,
      path: "packages.0.tier",
    },
    {
      name: "decreasing prices",
      overrides: () => ({ packages: threePackages([2500, 5000, 4000]) }),
      status: 400,
      path: "packages.2.price.amount",
    },
    {
      name: "standard cheaper than basic",
      overrides: () => ({ packages: threePackages([2500, 2400, 9000]) }),
      status: 400,
      path: "packages.1.price.amount",
    },
    { name: "equal prices", overrides: () => ({ packages: threePackages([2500, 2500, 2500]) }), status: 201 },
    {
      name: "price 499",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 499, currency: "USD" } })] }),
      status: 400,
      path: "packages.0.price.amount",
    },
    {
      name: "price 500",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 500, currency: "USD" } })] }),
      status: 201,
    },
    {
      name: "price 1000000",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 1_000_000, currency: "USD" } })] }),
      status: 201,
    },
    {
      name: "price 1000001",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 1_000_001, currency: "USD" } })] }),
      status: 400,
      path: "packages.0.price.amount",
    },
    {
      name: "a fractional price",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 2500.5, currency: "USD" } })] }),
      status: 400,
      path: "packages.0.price.amount",
    },
    {
      name: "a price in another currency",
      overrides: () => ({ packages: [basicPackage({ price: { amount: 2500, currency: "EUR" } })] }),
      status: 400,
      path: "packages.0.price.currency",
    },
    {
      name: "0 delivery days",
      overrides: () => ({ packages: [basicPackage({ deliveryDays: 0 })] }),
      status: 400,
      path: "packages.0.deliveryDays",
    },
    {
      name: "1 delivery day",
      overrides: () => ({ packages: [basicPackage({ deliveryDays: 1 })] }),
      status: 201,
    },
    {
      name: "90 delivery days",
      overrides: () => ({ packages: [basicPackage({ deliveryDays: 90 })] }),
      status: 201,
    },
    {
      name: "91 delivery days",
      overrides: () => ({ packages: [basicPackage({ deliveryDays: 91 })] }),
      status: 400,
      path: "packages.0.deliveryDays",
    },
    { name: "20 revisions", overrides: () => ({ packages: [basicPackage({ revisions: 20 })] }), status: 201 },
    {
      name: "21 revisions",
      overrides: () => ({ packages: [basicPackage({ revisions: 21 })] }),
      status: 400,
      path: "packages.0.revisions",
    },
    {
      name: "negative revisions",
      overrides: () => ({ packages: [basicPackage({ revisions: -1 })] }),
      status: 400,
      path: "packages.0.revisions",
    },
    {
      name: "unlimited revisions",
      overrides: () => ({ packages: [basicPackage({ revisions: null })] }),
      status: 201,
    },
    {
      name: "revisions left out",
      overrides: () => ({ packages: [basicPackage({ revisions: undefined })] }),
      status: 400,
      path: "packages.0.revisions",
    },
    { name: "an unknown field", overrides: () => ({ color: "red" }), status: 400, path: "color" },
    {
      name: "an unknown package field",
      overrides: () => ({ packages: [basicPackage({ discount: 10 })] }),
      status: 400,
      path: "packages.0.discount",
    },
    {
      name: "a top-level category",
      overrides: () => ({ categorySlug: "graphics-design" }),
      status: 400,
      path: "categorySlug",
    },
    {
      name: "an unknown category",
      overrides: () => ({ categorySlug: "time-travel" }),
      status: 400,
      path: "categorySlug",
    },
    {
      name: "an extra priced in another currency",
      overrides: () => ({
        extras: [{ title: "Rush", price: { amount: 1000, currency: "EUR" }, additionalDays: 0 }],
      }),
      status: 400,
      path: "extras.0.price.currency",
    },
    {
      name: "an extra without a title",
      overrides: () => ({
        extras: [{ title: " ", price: { amount: 1000, currency: "USD" }, additionalDays: 0 }],
      }),
      status: 400,
      path: "extras.0.title",
    },
    {
      name: "an extra taking off more days than any package has",
      overrides: () => ({
        extras: [{ title: "Rush", price: { amount: 1000, currency: "USD" }, additionalDays: -90 }],
      }),
      status: 400,
      path: "extras.0.additionalDays",
    },
    {
      name: "two extras with one id",
      overrides: () => ({
        extras: [
          { id: "ext_same", title: "A", price: { amount: 1000, currency: "USD" }, additionalDays: 0 },
          { id: "ext_same", title: "B", price: { amount: 1000, currency: "USD" }, additionalDays: 0 },
        ],
      }),
      status: 400,
      path: "extras.1.id",
    },
    {
      name: "a choice question without choices",
      overrides: () => ({ requirements: [{ question: "Style?", kind: "choice", required: true }] }),
      status: 400,
      path: "requirements.0.choices",
    },
    {
      name: "a text question with choices",
      overrides: () => ({
        requirements: [{ question: "Name?", kind: "text", required: true, choices: ["a", "b"] }],
      }),
      status: 400,
      path: "requirements.0.choices",
    },
    {
      name: "an unknown requirement kind",
      overrides: () => ({ requirements: [{ question: "Name?", kind: "video", required: true }] }),
      status: 400,
      path: "requirements.0.kind",
    },
    {
      name: "a faq entry without an answer",
      overrides: () => ({ faq: [{ question: "Why?" }] }),
      status: 400,
      path: "faq.0.answer",
    },
    {
      name: "aiAssisted not a boolean",
      overrides: () => ({ aiAssisted: "yes" }),
      status: 400,
      path: "aiAssisted",
    },
  ];

  it.each(cases)("$name → $status", async ({ overrides, status, path }) => {
    const res = await attempt(overrides());
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 400) {
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe("validation_failed");
      expect(paths(res)).toContain(path);
    }
  });

  it("reports every problem at once", async () => {
    const res = await attempt({ title: "short", description: "too short", tags: [] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(expect.arrayContaining(["title", "description", "tags"]));
  });
});
