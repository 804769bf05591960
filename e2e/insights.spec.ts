import { expect, request, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, uniqueName } from "./helpers";
import { advanceClock, serverUrl, withClockLock } from "./orders.fixtures";

// axe is injected as an inline script, which the app's Content-Security-Policy would block.
test.use({ bypassCSP: true });

const SELLER = { email: "maya_lindqvist@example.com", password: "atelier-demo-2026", name: "Maya Lindqvist" };

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(SELLER.email);
  await page.getByLabel("Password").fill(SELLER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: new RegExp(SELLER.name) })).toBeVisible();
}

/** A new signed-in person searches `q` through the API (in a category when given). */
async function searchAsNewPerson(q: string, category?: string) {
  const context = await request.newContext({ baseURL: serverUrl() });
  try {
    const username = uniqueName("radar");
    const signup = await context.post("/api/auth/signup", {
      data: { email: `${username}@example.test`, password: "a long enough password", username },
    });
    expect(signup.ok()).toBe(true);
    const params = new URLSearchParams({ q, ...(category ? { category } : {}) });
    expect((await context.get(`/api/search/gigs?${params.toString()}`)).ok()).toBe(true);
  } finally {
    await context.dispose();
  }
}

test.describe("search insights", () => {
  test("a seller opens a gig's visibility report from the dashboard", async ({ page }) => {
    await signIn(page);
    await page.goto("/dashboard");
    const table = page.getByRole("table", { name: /Search performance per gig/ });
    const link = table.getByRole("link", { name: /Why it ranks here/ }).first();
    await link.click();
    await expect(page).toHaveURL(/\/seller\/gigs\/[^/]+\/visibility$/);
    await expect(page.getByRole("heading", { name: /Ranking score: [\d.]+ of 100/ })).toBeVisible();
    const factors = page.getByTestId("ranking-factors");
    await expect(factors.locator("tbody tr")).toHaveCount(3);
    await expect(factors).toContainText("Completed orders");
    await expect(page.getByTestId("visibility-chart")).toBeVisible();
    await expect(page.getByRole("heading", { name: "What would help" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("five people's fruitless search shows on the seller's demand radar, per category", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const query = `${uniqueName("zq").replace(/[^a-z]/g, "")} frobnicator`;
    // Searched in Logo Design, a subcategory of Graphics & Design.
    for (let i = 0; i < 5; i++) await searchAsNewPerson(query, "logo-design");
    await signIn(page);
    await withClockLock(async () => {
      const flush = await request.newContext({ baseURL: serverUrl() });
      expect((await flush.post("/api/test/search/flush-log")).ok()).toBe(true);
      await flush.dispose();
      // The aggregation job runs hourly.
      await advanceClock(3601, [page]);
    });
    await page.getByRole("button", { name: new RegExp(SELLER.name) }).click();
    await page.getByRole("link", { name: "Buyer demand" }).click();
    await expect(page).toHaveURL(/\/seller\/demand$/);
    await expect(page.getByRole("heading", { level: 1, name: "Buyers are looking for…" })).toBeVisible();
    const radar = page.getByTestId("demand-radar");
    const row = radar.getByRole("rowheader", { name: `“${query}”` });
    await expect(row).toBeVisible();
    await expect(
      radar.getByRole("region", { name: "Logo Design" }).getByRole("rowheader", { name: `“${query}”` }),
    ).toBeVisible();

    // The category picker asks the API for one category (a top-level one includes its subcategories).
    const picker = page.getByLabel("Category", { exact: true });
    await picker.selectOption({ label: "All of Programming & Tech" });
    await expect(page.getByText("No unmet searches in Programming & Tech yet")).toBeVisible();
    await expect(page.getByRole("rowheader", { name: `“${query}”` })).toHaveCount(0);
    await picker.selectOption({ label: "All of Graphics & Design" });
    await expect(page.getByRole("rowheader", { name: `“${query}”` })).toBeVisible();
    await picker.selectOption({ label: "Logo Design" });
    await expect(page.getByRole("rowheader", { name: `“${query}”` })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
