import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  currencyErrors,
  decodeCursor,
  encodeCursor,
  formatBytes,
  GIG_TRANSITIONS,
  pickFreeSlug,
  ratingSummary,
  slugify,
  toCategoryTree,
} from "./catalog.models";

describe("slugs", () => {
  it("turns titles into ASCII slugs", () => {
    expect(slugify("I will design a Logo — fast & clean!")).toBe("i-will-design-a-logo-fast-clean");
    expect(slugify("Café crème brûlée")).toBe("cafe-creme-brulee");
    expect(slugify("日本語のタイトル")).toBe("gig");
    expect(slugify("x".repeat(100))).toHaveLength(60);
  });

  it("always yields URL-safe slugs without edge hyphens", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(60);
      }),
    );
  });

  it("picks the first free numbered slug", () => {
    expect(pickFreeSlug("logo", new Set())).toBe("logo");
    expect(pickFreeSlug("logo", new Set(["logo", "logo-2"]))).toBe("logo-3");
    expect(pickFreeSlug("logo", new Set(["logo-2"]))).toBe("logo");
  });
});

describe("the gig state machine", () => {
  it("allows exactly the documented transitions", () => {
    expect(canTransition("publish", "draft")).toBe(true);
    expect(canTransition("publish", "paused")).toBe(true);
    expect(canTransition("publish", "denied")).toBe(true);
    expect(canTransition("publish", "active")).toBe(false);
    expect(canTransition("publish", "pending_review")).toBe(false);
    expect(canTransition("pause", "active")).toBe(true);
    expect(canTransition("pause", "draft")).toBe(false);
    expect(canTransition("approve", "pending_review")).toBe(true);
    expect(canTransition("deny", "active")).toBe(false);
  });

  it("lets nothing leave archived", () => {
    for (const action of Object.keys(GIG_TRANSITIONS) as (keyof typeof GIG_TRANSITIONS)[]) {
      expect(canTransition(action, "archived")).toBe(false);
    }
  });
});

describe("currencyErrors", () => {
  it("points at every price in another currency", () => {
    const price = (currency: string) => ({ price: { amount: 500, currency } });
    expect(
      currencyErrors({ packages: [price("USD"), price("EUR")], extras: [price("GBP")] }, "USD").map(
        (e) => e.path,
      ),
    ).toEqual(["packages.1.price.currency", "extras.0.price.currency"]);
  });
});

describe("formatBytes", () => {
  it("speaks in binary units", () => {
    expect(formatBytes(5 * 1024 * 1024)).toBe("5 MiB");
    expect(formatBytes(200 * 1024)).toBe("200 KiB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MiB");
    expect(formatBytes(10)).toBe("10 bytes");
  });
});

describe("ratingSummary", () => {
  it("averages to two decimals and is null without ratings", () => {
    expect(ratingSummary(0, 0)).toEqual({ average: null, count: 0 });
    expect(ratingSummary(14, 3)).toEqual({ average: 4.67, count: 3 });
  });
});

describe("cursors", () => {
  it("round-trip and reject garbage", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    expect(decodeCursor(encodeCursor(at, "gig_1"))).toEqual({ at, id: "gig_1" });
    expect(decodeCursor("nonsense")).toBeUndefined();
    expect(decodeCursor(Buffer.from('["x","y"]').toString("base64url"))).toBeUndefined();
  });
});

describe("toCategoryTree", () => {
  it("nests children under parents by position", () => {
    const row = (id: string, parent: string | null, position: number) => ({
      id,
      slug: id,
      name: id.toUpperCase(),
      parent_id: parent,
      position,
      description: parent ? "" : `about ${id}`,
    });
    const tree = toCategoryTree([row("b", null, 1), row("a", null, 0), row("a2", "a", 1), row("a1", "a", 0)]);
    expect(tree).toEqual([
      {
        slug: "a",
        name: "A",
        description: "about a",
        children: [
          { slug: "a1", name: "A1" },
          { slug: "a2", name: "A2" },
        ],
      },
      { slug: "b", name: "B", description: "about b", children: [] },
    ]);
  });
});
