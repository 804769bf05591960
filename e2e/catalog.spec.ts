import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, uniqueName } from "./helpers";
import { expectNotification } from "./outcomes";

const PASSWORD = "a long enough password";

/** Full-page screenshots of the main pages, to look at: `<output dir>/screenshots/<name>-<project>.png`. */
async function screenshot(page: Page, name: string) {
  const dir = path.join(test.info().project.outputDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  // Lazy images load only once scrolled into view.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(dir, `${name}-${test.info().project.name}.png`), fullPage: true });
}

/** The page at 375 px wide: nothing sticks out sideways, and a screenshot to look at. */
async function checkNarrow(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, `${name}-375`);
  if (size) await page.setViewportSize(size);
}

/** A small but real 4:3 PNG, the way a seller's photo would arrive. */
function coverImage(): Promise<Buffer> {
  return sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: 23, g: 90, b: 55 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="800" height="600"><circle cx="560" cy="300" r="180" fill="#f0f7f2" opacity="0.35"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
}

async function signUp(page: Page, username: string, displayName: string) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`${username}@example.test`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: new RegExp(displayName) })).toBeVisible();
}

async function becomeSeller(page: Page, username: string) {
  await page.goto("/become-a-seller");
  await page.getByLabel("Headline").fill("Wedding calligraphy and hand lettering");
  await page
    .getByLabel("Bio")
    .fill("I letter invitations, place cards and signs by hand with a pointed pen.");
  await page.getByLabel("Skills").fill("calligraphy, lettering");
  await page.getByLabel("Languages").fill("English");
  await page.getByLabel("Country").fill("GB");
  await page.getByRole("button", { name: "Save seller profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${username}`));
}

/** The API as a signed-in user: the session cookie rides along, the CSRF header is added by hand. */
async function apiAs(request: APIRequestContext, username: string) {
  const signup = await request.post("/api/auth/signup", {
    data: {
      email: `${username}@example.test`,
      password: PASSWORD,
      username,
      displayName: `Seller ${username}`,
    },
  });
  expect(signup.status()).toBe(201);
  const { cookies } = await request.storageState();
  const csrf = cookies.find((cookie) => cookie.name === "atelier_csrf")?.value ?? "";
  return (method: "POST" | "PUT", path: string, data: unknown) =>
    request.fetch(path, { method, data, headers: { "X-CSRF-Token": csrf } });
}

// The server's Content-Security-Policy (script-src 'self') would refuse the injected axe-core script.
test.use({ bypassCSP: true });

test.describe("catalog", () => {
  test("a seller publishes a gig with three packages and an image; a buyer finds it by a typo", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const seller = uniqueName("cal_");
    const sellerName = `Ink ${seller}`;
    const title = `I will letter calligraphy wedding invitations ${seller.slice(-6)}`;

    // --- the seller ---
    await signUp(page, seller, sellerName);
    await becomeSeller(page, seller);

    await page.getByRole("button", { name: new RegExp(sellerName) }).click();
    await page.getByRole("link", { name: "My gigs", exact: true }).click();
    await expect(page.getByRole("heading", { name: "My gigs" })).toBeVisible();
    await expect(page.getByText("You haven’t created a gig yet")).toBeVisible();
    await page.getByRole("link", { name: "Create your first gig" }).click();

    // Overview
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByLabel("Gig title")).toBeFocused();
    await expect(page.getByText("Choose a category.")).toBeVisible();
    await page.getByLabel("Gig title").fill(title);
    await page.getByLabel("Category").selectOption({ label: "Illustration" });
    await page.getByLabel("Search tags").fill("calligraphy, wedding invitations, hand lettering");
    await page.getByLabel("I use AI tools for part of this work").check();
    await page.getByRole("button", { name: "Save and continue" }).click();

    // Pricing: three packages; a premium cheaper than standard is refused with a reason.
    await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();
    const tiers = [
      { tier: "Basic", name: "Save the date", price: "40", days: "5", features: "Digital file" },
      { tier: "Standard", name: "Invitation", price: "90", days: "7", features: "Digital file\nTwo layouts" },
      {
        tier: "Premium",
        name: "Full suite",
        price: "60",
        days: "10",
        features: "Digital file\nTwo layouts\nPlace cards",
      },
    ];
    for (const pkg of tiers) {
      await page.getByLabel(`${pkg.tier} name`).fill(pkg.name);
      await page.getByLabel(`${pkg.tier} description`).fill(`${pkg.name}: lettered by hand and scanned.`);
      await page.getByLabel(`${pkg.tier} price (USD)`).fill(pkg.price);
      await page.getByLabel(`${pkg.tier} delivery (days)`).fill(pkg.days);
      await page.getByLabel(`${pkg.tier} features`).fill(pkg.features);
    }
    await page.getByLabel("Premium revisions").selectOption("unlimited");
    await page.getByRole("button", { name: "Add an extra" }).click();
    await page.getByRole("textbox", { name: "Extra 1", exact: true }).fill("Envelope addressing");
    await page.getByRole("textbox", { name: "Extra 1 price (USD)" }).fill("15");
    // A text field or a number field (negative days make an extra faster): found by its label.
    await page.getByLabel("Extra 1 extra days", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText("Must be at least the standard package's price.")).toBeVisible();
    await expect(page.getByLabel("Premium price (USD)")).toBeFocused();
    await page.getByLabel("Premium price (USD)").fill("150");
    await expect(page.getByText("needs your attention", { exact: false })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "editor-pricing");
    await checkNarrow(page, "editor-pricing");
    await page.getByRole("button", { name: "Save and continue" }).click();

    // Description and FAQ: continuing saves the draft.
    await expect(page.getByRole("heading", { name: "Description and FAQ" })).toBeVisible();
    await page
      .getByLabel("Description")
      .fill(
        "Hand-lettered calligraphy for your wedding stationery. I sketch the layout, letter every word with a " +
          "pointed pen, then scan and clean the artwork so it prints crisply at any size.",
      );
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Question 1").fill("Can you match our wedding colours?");
    await page.getByLabel("Answer 1").fill("Yes. Send me your palette and I will letter in matching inks.");
    await page.getByRole("button", { name: "Save draft and continue" }).click();
    await expect(page).toHaveURL(/\/seller\/gigs\/gig_[0-9a-z]+\/edit\?step=requirements/);
    const gigId = /gigs\/(gig_[0-9a-z]+)/.exec(page.url())?.[1] ?? "";

    // Requirements
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Question 1").fill("What names and date should the invitation show?");
    await page.getByRole("button", { name: "Save and continue" }).click();

    // Gallery: one image, which becomes the cover.
    await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
    await page
      .getByLabel("Add images")
      .setInputFiles({ name: "invitation.png", mimeType: "image/png", buffer: await coverImage() });
    await expect(page.getByRole("img", { name: "Gallery image 1 (cover)" })).toBeVisible();
    await expect(page.getByText("1 of 5 images")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Continue to publish" }).click();

    // Publish
    await expect(page.getByText("3 packages from $40")).toBeVisible();
    await screenshot(page, "editor-publish");
    await page.getByRole("button", { name: "Publish gig" }).click();
    await expect(page.getByText("Your gig is live")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // What was entered is what the gig is: anyone (no cookies) reads it back, with its cover image.
    const visitorContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const published = await visitorContext.request.get(`/api/gigs/${gigId}`);
    expect(published.status()).toBe(200);
    const gigJson = (await published.json()) as {
      status: string;
      title: string;
      aiAssisted: boolean;
      tags: string[];
      packages: { tier: string; price: { amount: number }; deliveryDays: number; revisions: number | null }[];
      extras: { title: string; price: { amount: number }; additionalDays: number }[];
      faq: { question: string; answer: string }[];
      requirements: { question: string }[];
      images: { url: string }[];
    };
    expect(gigJson).toMatchObject({
      status: "active",
      title,
      aiAssisted: true,
      tags: ["calligraphy", "wedding invitations", "hand lettering"],
      packages: [
        { tier: "basic", price: { amount: 4000 }, deliveryDays: 5 },
        { tier: "standard", price: { amount: 9000 }, deliveryDays: 7 },
        { tier: "premium", price: { amount: 15000 }, deliveryDays: 10, revisions: null },
      ],
      extras: [{ title: "Envelope addressing", price: { amount: 1500 }, additionalDays: 2 }],
      faq: [{ question: "Can you match our wedding colours?" }],
      requirements: [{ question: "What names and date should the invitation show?" }],
    });
    expect(gigJson.images).toHaveLength(1);
    const cover = await visitorContext.request.get(gigJson.images[0]?.url ?? "");
    expect(cover.status()).toBe(200);
    expect(await sharp(await cover.body()).metadata()).toMatchObject({
      format: "png",
      width: 800,
      height: 600,
    });
    await visitorContext.close();

    await page.goto("/seller/gigs");
    await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
    await expect(
      page.getByRole("listitem").filter({ hasText: title }).getByText("Live", { exact: true }),
    ).toBeVisible();
    await screenshot(page, "my-gigs");
    await checkNarrow(page, "my-gigs");

    // --- a buyer, in a browser of their own ---
    const buyerContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const buyer = await buyerContext.newPage();
    await signUp(buyer, uniqueName("buy_"), "Bea Buyer");
    await buyer.goto("/");
    await buyer.getByLabel("What do you need done?").fill("caligraphy");
    await buyer.getByRole("button", { name: "Find services" }).click();
    await expect(buyer).toHaveURL(/\/search\?q=caligraphy/);
    await expect(buyer.getByText(/Also searched for\s+calligraphy/)).toBeVisible();
    const result = buyer.getByRole("link", { name: title, exact: true });
    await expect(result).toBeVisible();
    // The card's price is all-in: 40.00 and its 5.20 service fee (shared/UI.md; issue 12 item 4).
    await expect(buyer.getByRole("article").filter({ hasText: title })).toContainText("$45.20");
    await expectNoSeriousA11yViolations(buyer);

    const click = buyer.waitForResponse((response) => response.url().endsWith("/api/search/clicks"));
    await result.click();
    expect((await click).status()).toBe(204);
    // A gig's address is its seller's username and its slug (API.md section 15).
    await expect(buyer).toHaveURL(new RegExp(`/${seller}/[a-z0-9-]+$`));
    await expect(buyer.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // The comparison table, the package tabs and the all-in price.
    const table = buyer.getByRole("table");
    await expect(table.getByRole("columnheader", { name: /basic\s*save the date/i })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: /premium\s*full suite/i })).toBeVisible();
    await expect(table.getByRole("cell", { name: "$150.00" })).toBeVisible();
    await expect(table.getByRole("cell", { name: "Unlimited" })).toBeVisible();
    await expect(buyer.getByText("Envelope addressing")).toBeVisible();
    await expect(buyer.getByText("AI-assisted.")).toBeVisible();
    await buyer.getByRole("tab", { name: "Standard" }).click();
    await expect(buyer.getByText("Total, service fee included")).toBeVisible();
    await buyer.getByText("Price breakdown").click();
    await expect(buyer.getByText("Service fee", { exact: true })).toBeVisible();
    const continueLink = buyer.getByRole("link", { name: /^Continue/ });
    await expect(continueLink).toHaveAttribute("href", `/checkout/${gigId}?tier=standard&licence=personal`);
    await expect(buyer.getByRole("link", { name: "Contact seller" })).toHaveAttribute(
      "href",
      `/inbox?to=${seller}&gigId=${gigId}`,
    );
    await expect(buyer.getByRole("img", { name: /image 1 of 1/ })).toBeVisible();
    await expectNoSeriousA11yViolations(buyer);
    await screenshot(buyer, "gig");
    await checkNarrow(buyer, "gig");

    // The seller's public profile lists the gig.
    await buyer.getByRole("link", { name: "View profile" }).click();
    await expect(buyer.getByRole("heading", { name: `Gigs by ${sellerName}` })).toBeVisible();
    await expect(buyer.getByRole("link", { name: title, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(buyer);
    await buyerContext.close();
  });

  test("a visitor browses a category, filters, sorts and opens a gig @phone", async ({ page, isMobile }) => {
    // Phones are emulated with a device scale of 2.6: screenshots and axe runs take a while.
    test.setTimeout(120_000);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Popular services" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Popular services" }).getByRole("article")).toHaveCount(4);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "home");

    await page
      .getByRole("link", { name: /Graphics & Design/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/search\?category=graphics-design/);
    await expect(page.getByRole("heading", { level: 1, name: "Graphics & Design" })).toBeVisible();
    await expect(page.getByText(/\d+ services available/)).toBeVisible();

    if (isMobile) await page.getByRole("button", { name: /Filters/ }).click();
    const filters = page.getByRole("complementary", { name: "Filters" });
    // Facet counts sit beside the subcategories.
    const logoDesign = filters.getByRole("link", { name: /Logo Design\s*\(\d+ results\)/ });
    await expect(logoDesign).toBeVisible();
    await logoDesign.click();
    await expect(page).toHaveURL(/category=logo-design/);
    await expect(
      page.getByRole("list", { name: "Active filters" }).getByRole("link", { name: /Logo Design/ }),
    ).toBeVisible();

    await page.getByLabel("Sort by").selectOption({ label: "Price: low to high" });
    await expect(page).toHaveURL(/sort=price_asc/);
    // The previous results stay on screen, dimmed, until the new order arrives.
    await expect(page.getByRole("region", { name: "Results" })).toHaveAttribute("aria-busy", "false");
    const prices = page.getByRole("list", { name: "Services" }).getByText(/^\$\d+/);
    await expect(prices.first()).toBeVisible();
    const amounts = (await prices.allTextContents()).map((text) => Number(text.replace(/[^0-9.]/g, "")));
    expect(amounts.length).toBeGreaterThan(1);
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "search");

    // Nothing matches: the page says so and offers a way out.
    await page.goto("/search?q=zzqxv&category=logo-design");
    await expect(page.getByRole("heading", { name: "No services match “zzqxv”" })).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/search\?q=zzqxv$/);

    await page.goto("/search?category=logo-design");
    const first = page.getByRole("list", { name: "Services" }).getByRole("link").first();
    const firstTitle = (await first.textContent()) ?? "";
    await first.click();
    await expect(page.getByRole("heading", { level: 1, name: firstTitle })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Order this gig" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Continue/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("an admin denies a gig held for review, and the seller reads why", async ({ page, playwright }) => {
    const seller = uniqueName("mod_");
    const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const call = await apiAs(request, seller);
    const profile = await call("PUT", "/api/me/seller-profile", {
      headline: "Reviews for your shop",
      bio: "I help small shops collect more reviews from their customers.",
      skills: ["marketing"],
      languages: ["English"],
      country: "US",
    });
    expect(profile.ok()).toBe(true);
    const title = `I will write fake reviews for your shop ${seller.slice(-6)}`;
    const created = await call("POST", "/api/gigs", {
      title,
      categorySlug: "market-research",
      description:
        "I will post glowing fake reviews for your shop on every platform you name. Each one is written by " +
        "hand so that nobody can tell the difference from a real customer.",
      tags: ["reviews"],
      packages: [
        {
          tier: "basic",
          name: "Ten reviews",
          description: "Ten reviews",
          price: { amount: 2000, currency: "USD" },
          deliveryDays: 3,
          revisions: 0,
          features: [],
        },
      ],
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const published = await call("POST", `/api/gigs/${id}/publish`, {});
    expect(((await published.json()) as { status: string }).status).toBe("pending_review");

    // The admin of the demo data signs in and works the queue.
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@atelier.local");
    await page.getByLabel("Password").fill("atelier-admin-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: /Atelier Admin/ }).click();
    await page.getByRole("link", { name: "Moderation", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Moderation queue" })).toBeVisible();
    await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, "moderation");
    await page.getByRole("button", { name: `Deny ${title}` }).click();
    await page.getByRole("button", { name: "Deny gig" }).click();
    await expect(page.getByText("Tell the seller what to change.")).toBeVisible();
    await page
      .getByLabel("Reason for the seller")
      .fill("Fake reviews break our rules. Offer review requests instead.");
    await page.getByRole("button", { name: "Deny gig" }).click();
    await expect(page.getByText(`${title} was denied`)).toBeVisible();

    // The seller is told (issue 12 item 11), and reads the reason on the gig.
    await expectNotification(request, title);

    const mine = await request.get("/api/me/gigs");
    const gigs = ((await mine.json()) as { data: { id: string; status: string; moderationReason: string }[] })
      .data;
    expect(gigs.find((gig) => gig.id === id)).toMatchObject({
      status: "denied",
      moderationReason: "Fake reviews break our rules. Offer review requests instead.",
    });
    await request.dispose();
  });
});
