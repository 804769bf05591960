import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { advanceClock, createSellerWithGig, DAY, signUp, withClockLock } from "./orders.fixtures";

// axe is injected as an inline script, which the app's Content-Security-Policy would block.
test.use({ bypassCSP: true });

const SELLER = { email: "maya_lindqvist@example.com", password: "atelier-demo-2026", name: "Maya Lindqvist" };
const SELLER_USERNAME = "maya_lindqvist";
const ADMIN = { email: "admin@atelier.local", password: "atelier-admin-2026", name: "Atelier Admin" };

async function signInThroughUi(page: Page, who: { email: string; password: string; name: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: new RegExp(who.name) })).toBeVisible();
}

async function searchResultIds(page: Page, keyword: string): Promise<string[]> {
  const response = await page.request.get(`/api/search/gigs?q=${encodeURIComponent(keyword)}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { data: { id: string }[] }).data.map((gig) => gig.id);
}

test.describe("seller dashboard", () => {
  test("a demo seller sees level progress and how each gig does in search @phone", async ({ page }) => {
    await signInThroughUi(page, SELLER);
    await page.getByRole("button", { name: new RegExp(SELLER.name) }).click();
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1, name: "Seller dashboard" })).toBeVisible();

    // The level the dashboard names is the one the public profile shows.
    const level = page.getByRole("region", { name: "Level progress" });
    const dashboard = (await (await page.request.get("/api/me/seller-dashboard")).json()) as {
      progress: { level: string };
      gigs: { title: string }[];
    };
    expect(await publicLevel(page, SELLER_USERNAME)).toBe(dashboard.progress.level);
    await expect(level.getByText(/What you still need for|highest level/)).toBeVisible();

    await expect(page.getByRole("heading", { name: "Orders by status" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Earnings over time" })).toBeVisible();
    const table = page.getByRole("table", { name: /Search performance per gig/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Impressions" })).toBeVisible();
    // One row per gig of the seller's, by title.
    await expect(table.locator("tbody tr")).toHaveCount(dashboard.gigs.length);
    for (const gig of dashboard.gigs) await expect(table).toContainText(gig.title);

    await expectNoSeriousA11yViolations(page);

    // At 375 px the page does not scroll sideways (the wide table scrolls inside its own box).
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(table).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

/** The level anyone reads on the seller's public profile. */
async function publicLevel(page: Page, username: string): Promise<string | null> {
  const response = await page.request.get(`/api/users/${username}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { sellerLevel: string | null }).sellerLevel;
}

test.describe("seller levels", () => {
  test("a demo seller's level is earned: it is still theirs after the daily evaluation", async ({ page }) => {
    test.setTimeout(240_000);
    await withClockLock(async () => {
      await signInThroughUi(page, SELLER);
      await page.goto("/dashboard");
      const level = page.getByRole("region", { name: "Level progress" });
      await expect(level).toContainText("Top Rated");
      expect(await publicLevel(page, SELLER_USERNAME)).toBe("top_rated");

      // The daily evaluation recomputes every seller's level from their metrics.
      await advanceClock(DAY + 3600, [page]);
      expect(await publicLevel(page, SELLER_USERNAME)).toBe("top_rated");
      await page.reload();
      await expect(level).toContainText("Top Rated");
    });
  });
});

test.describe("admin users", () => {
  test("an admin finds a seller and suspends them; their gig leaves search", async ({ page, browser }) => {
    // A fresh seller with one searchable gig, in a browser of their own.
    const sellerContext = await browser.newContext();
    const sellerPage = await sellerContext.newPage();
    const seller = await signUp(sellerPage, "suspendme", "Sam Suspended");
    const gig = await createSellerWithGig(sellerPage);
    expect(await searchResultIds(page, gig.keyword)).toContain(gig.id);

    await signInThroughUi(page, ADMIN);
    await page.getByRole("button", { name: new RegExp(ADMIN.name) }).click();
    await page.getByRole("link", { name: "Users", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Top Rated candidates" })).toBeVisible();

    const find = page.getByRole("search", { name: "Find people" });
    await find.getByRole("searchbox", { name: "Username, name or e-mail" }).fill(seller.username);
    await find.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText(seller.email)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: `Suspend @${seller.username}` }).click();
    const confirm = page.getByRole("group", { name: `Confirm suspension of @${seller.username}` });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("textbox", { name: "Rule applied" }).fill("prohibited-services");
    await confirm.getByRole("textbox", { name: "Reason (shown to them)" }).fill("Sells stolen accounts");
    await confirm.getByRole("button", { name: "Yes, suspend" }).click();
    await expect(page.getByText(`@${seller.username} is suspended.`)).toBeVisible();
    await expect(page.getByRole("button", { name: `Reinstate @${seller.username}` })).toBeVisible();

    // Their gig is gone from search, in the browser too, and their session no longer works.
    expect(await searchResultIds(page, gig.keyword)).not.toContain(gig.id);
    await page.goto(`/search?q=${gig.keyword}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: gig.title })).toHaveCount(0);
    expect((await sellerPage.request.get("/api/me")).status()).toBe(401);
    await sellerContext.close();
  });
});
