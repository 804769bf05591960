import type { Gig } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import {
  CREATE_STEPS,
  createBody,
  draftFromGig,
  emptyDraft,
  leavesEditor,
  missingSteps,
  serverErrors,
  stepBody,
  stepOfErrors,
  unsavedSteps,
  type EditorDraft,
} from "./gigEditorModel";

function overview(draft: EditorDraft = emptyDraft()): EditorDraft {
  return {
    ...draft,
    title: "  I will letter a hand-drawn logo for your shop ",
    categorySlug: "logo-design",
    tags: "Lettering, logo, lettering",
  };
}

/** A gig as the API returns a draft saved from the first step. */
function savedDraft(overrides: Partial<Gig> = {}): Gig {
  return {
    id: "gig_1",
    slug: "i-will-letter",
    status: "draft",
    title: "I will letter a hand-drawn logo for your shop",
    description: "",
    category: { slug: "logo-design", name: "Logo Design", parent: null },
    tags: ["lettering", "logo"],
    packages: [],
    extras: [],
    faq: [],
    requirements: [],
    aiAssisted: false,
    licences: [{ kind: "personal", price: { amount: 0, currency: "USD" } }],
    aiUse: "none",
    aiTools: [],
    protectDeliveries: false,
    allowAiTraining: false,
    seller: {
      username: "ada",
      displayName: "Ada",
      level: null,
      rating: { average: null, count: 0 },
      memberSince: "2026-01-01T00:00:00.000Z",
      country: null,
    },
    rating: { average: null, count: 0 },
    ordersCompleted: 0,
    images: [],
    coverImageUrl: null,
    startingPrice: { amount: 0, currency: "USD" },
    startingPriceAllIn: { amount: 0, currency: "USD" },
    deliveryDays: 0,
    moderationReason: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    publishedAt: null,
    ...overrides,
  };
}

describe("saving a draft from the first step", () => {
  it("only the overview can be opened before the draft exists", () => {
    expect(CREATE_STEPS).toEqual(["overview"]);
  });

  it("creates the draft from the overview alone, trimmed and with tags deduplicated", () => {
    const checked = createBody(overview(), "USD");
    expect(checked).toEqual({
      ok: true,
      body: {
        title: "I will letter a hand-drawn logo for your shop",
        categorySlug: "logo-design",
        tags: ["lettering", "logo"],
        aiAssisted: false,
        extras: [],
        faq: [],
        requirements: [],
        // The creator-credit defaults (API.md section 12).
        aiTools: [],
        protectDeliveries: false,
        allowAiTraining: false,
      },
    });
  });

  it("does not ask for pricing or a description on the first step", () => {
    const draft = overview();
    draft.description = "";
    const checked = createBody(draft, "USD");
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.body).not.toHaveProperty("packages");
      expect(checked.body).not.toHaveProperty("description");
    }
  });

  it("refuses an empty overview with the editor's own messages, on the overview step", () => {
    const checked = createBody(emptyDraft(), "USD");
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      title: "Must be at least 15 characters.",
      categorySlug: "Choose a category.",
    });
    expect(stepOfErrors(checked.errors)).toBe("overview");
  });
});

describe("resuming a saved draft", () => {
  it("a draft without packages opens with three empty packages to fill in", () => {
    const draft = draftFromGig(savedDraft());
    expect(draft.title).toBe("I will letter a hand-drawn logo for your shop");
    expect(draft.tags).toBe("lettering, logo");
    expect(draft.threePackages).toBe(true);
    expect(draft.packages.basic.price).toBe("");
    expect(draft.description).toBe("");
  });

  it("a gig with one package keeps the single-package choice", () => {
    const draft = draftFromGig(
      savedDraft({
        packages: [
          {
            tier: "basic",
            name: "Sketch",
            description: "One wordmark",
            price: { amount: 5000, currency: "USD" },
            serviceFee: { amount: 575, currency: "USD" },
            priceAllIn: { amount: 5575, currency: "USD" },
            licencesAllIn: [],
            deliveryDays: 2,
            revisions: null,
            features: ["Vector file", "PNG"],
          },
        ],
      }),
    );
    expect(draft.threePackages).toBe(false);
    expect(draft.packages.basic).toMatchObject({ price: "50", revisions: "unlimited", deliveryDays: "2" });
    expect(draft.packages.basic.features).toBe("Vector file\nPNG");
  });

  it("the pricing step saves packages as a PATCH body in minor units", () => {
    const draft = overview();
    draft.threePackages = false;
    draft.packages.basic = {
      name: "Sketch",
      description: "One wordmark",
      price: "49.50",
      deliveryDays: "3",
      revisions: "2",
      features: "Vector file\n\n PNG ",
    };
    const checked = stepBody("pricing", draft, "USD");
    expect(checked).toEqual({
      ok: true,
      body: {
        packages: [
          {
            tier: "basic",
            name: "Sketch",
            description: "One wordmark",
            price: { amount: 4950, currency: "USD" },
            deliveryDays: 3,
            revisions: 2,
            features: ["Vector file", "PNG"],
          },
        ],
        extras: [],
      },
    });
  });

  it("the pricing step refuses a package without a price", () => {
    const draft = overview();
    draft.threePackages = false;
    draft.packages.basic = { ...draft.packages.basic, name: "Sketch", description: "x", deliveryDays: "3" };
    const checked = stepBody("pricing", draft, "USD");
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors["packages.0.price.amount"]).toBe("Use a price from $5.00 to $10,000.00.");
      expect(stepOfErrors(checked.errors)).toBe("pricing");
    }
  });
});

describe("what a draft lacks before publishing", () => {
  it("names pricing and description for a draft saved from the first step", () => {
    expect(missingSteps(savedDraft())).toEqual(["pricing", "description"]);
  });

  it("names nothing once both are there", () => {
    const gig = savedDraft({
      description: "x".repeat(120),
      packages: draftPackage(),
    });
    expect(missingSteps(gig)).toEqual([]);
    expect(missingSteps({ ...gig, description: "x".repeat(119) })).toEqual(["description"]);
  });
});

function draftPackage(): Gig["packages"] {
  return [
    {
      tier: "basic",
      name: "Sketch",
      description: "One wordmark",
      price: { amount: 5000, currency: "USD" },
      serviceFee: { amount: 575, currency: "USD" },
      priceAllIn: { amount: 5575, currency: "USD" },
      licencesAllIn: [],
      deliveryDays: 2,
      revisions: 1,
      features: [],
    },
  ];
}

describe("unsaved changes", () => {
  it("lists the unsaved steps in the editor's order", () => {
    expect(unsavedSteps(new Set(["description", "overview"]))).toEqual(["overview", "description"]);
    expect(unsavedSteps(new Set())).toEqual([]);
  });

  it("moving between steps stays in the editor; another page leaves it", () => {
    expect(leavesEditor("/seller/gigs/gig_1/edit", "/seller/gigs/gig_1/edit")).toBe(false);
    expect(leavesEditor("/seller/gigs/gig_1/edit", "/seller/gigs")).toBe(true);
    expect(leavesEditor("/seller/gigs/new", "/seller/gigs/gig_1/edit")).toBe(true);
  });

  it("server field errors keep their paths and read as sentences", () => {
    const errors = serverErrors([
      { path: "description", message: "must be at least 120 characters" },
      { path: "description", message: "second complaint" },
    ]);
    expect(Object.keys(errors)).toEqual(["description"]);
    expect(stepOfErrors(errors)).toBe("description");
  });
});
