import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, createSellerWithGig, signUp } from "./orders.fixtures";

/**
 * Prices are all-in (UI.md): the card, the gig page and checkout show what the buyer pays, and the
 * order then charges exactly that. Search also accepts a long text (its first 200 characters), and a
 * seller picks a country by name.
 */

/** "$55.75" → 5575 (minor units). */
function minorUnits(text: string): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no amount in "${text}"`);
  return Number((match[1] ?? "").replace(/,/g, "")) * 100 + Number(match[2]);
}

async function sellerPage(page: Page) {
  const context = await page.context().browser()?.newContext();
  if (!context) throw new Error("no browser");
  const seller = await context.newPage();
  await signUp(seller, "e2e_price_seller_", "Priya Prices");
  const gig = await createSellerWithGig(seller);
  return { seller, gig, close: () => context.close() };
}

test("the card, the gig page and checkout show the all-in price the order then charges", async ({
  page: buyer,
}) => {
  const { gig, close } = await sellerPage(buyer);
  await signUp(buyer, "e2e_price_buyer_", "Bo Buyer");

  // The search card: the basic package (50.00) with its service fee (2.75 + 3.00).
  await buyer.goto(`/search?q=${gig.keyword}`);
  const card = buyer.getByRole("article").filter({ hasText: gig.title });
  const cardPrice = card.getByTestId("card-price");
  await expect(cardPrice).toContainText("$55.75");
  const shownOnCard = minorUnits((await cardPrice.textContent()) ?? "");

  // The gig page's package box says the same, with the breakdown one click away.
  await card.getByRole("link", { name: gig.title }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: gig.title })).toBeVisible();
  const box = buyer.getByRole("complementary", { name: "Order this gig" });
  await expect(box.getByTestId("package-price")).toHaveText("$55.75");
  expect(minorUnits((await box.getByTestId("package-price").textContent()) ?? "")).toBe(shownOnCard);
  await box.getByText("Price breakdown").click();
  await expect(box.getByRole("definition").filter({ hasText: "$50.00" })).toBeVisible();
  await expect(box.getByRole("definition").filter({ hasText: "$5.75" })).toBeVisible();
  // A package of 120.00 pays no small-order fee: 120.00 + 6.60.
  await box.getByRole("tab", { name: "Standard" }).click();
  await expect(box.getByTestId("package-price")).toHaveText("$126.60");
  await box.getByRole("tab", { name: "Basic" }).click();
  await expectNoSeriousA11yViolations(buyer);

  // Checkout charges it: the Pay button, then the order's total paid.
  await box.getByRole("link", { name: "Continue ($55.75)" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  const pay = buyer.getByRole("button", { name: "Pay $55.75" });
  await expect(pay).toBeEnabled();
  await pay.click();
  await expect(buyer).toHaveURL(/\/orders\/ord_/);
  const orderId = buyer.url().split("/orders/")[1] ?? "";
  const order = (await apiGet(buyer, `/api/orders/${orderId}`)) as {
    price: { total: { amount: number; currency: string } };
  };
  expect(order.price.total).toEqual({ amount: shownOnCard, currency: "USD" });
  await close();
});

test("a search longer than 200 characters searches its start", async ({ page }) => {
  const { gig, close } = await sellerPage(page);
  const long = `${gig.keyword} ${"lettering ".repeat(30)}`.trim();
  expect(long.length).toBeGreaterThan(200);

  await page.goto("/");
  const search = page.getByRole("search", { name: "Site search" });
  await search.getByLabel("Search services").fill(long);
  await search.getByLabel("Search services").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("link", { name: gig.title })).toBeVisible();

  // An address carrying the whole text works too.
  await page.goto(`/search?q=${encodeURIComponent(`${long} ${"x".repeat(100)}`)}`);
  await expect(page.getByRole("link", { name: gig.title })).toBeVisible();
  // And the API searches its first 200 characters instead of refusing it.
  const api = (await apiGet(
    page,
    `/api/search/gigs?q=${encodeURIComponent(`${long} ${"x".repeat(100)}`)}`,
  )) as {
    data: { id: string }[];
  };
  // The gig matching every word comes first (partial matches may follow: search never dead-ends).
  expect(api.data[0]?.id).toBe(gig.id);
  await close();
});

test("a seller picks Germany as their country and the profile says Germany", async ({ page }) => {
  const person = await signUp(page, "e2e_country_", "Greta Germany");
  await page.goto("/become-a-seller");
  await page.getByLabel("Headline").fill("Lettering for bakeries and cafés");
  await page.getByLabel("Bio").fill("I letter shopfronts, menus and cups by hand, then vectorise them.");
  await page.getByLabel("Skills").fill("lettering");
  await page.getByLabel("Languages").fill("German, English");
  const country = page.getByRole("combobox", { name: "Country" });
  await country.fill("Germ");
  await expect(page.locator(`datalist option[value="Germany"]`)).toHaveCount(1);
  await country.fill("Germany");
  await expect(page.getByText("Saved as Germany (DE).")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Save seller profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${person.username}`));
  await expect(page.getByText("Germany", { exact: true })).toBeVisible();
  const profile = (await apiGet(page, `/api/users/${person.username}`)) as { country: string | null };
  expect(profile.country).toBe("DE");

  // A name that is not a country is refused with a way out, not saved as its first letters.
  await page.goto("/become-a-seller");
  await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("Germany");
  await page.getByRole("combobox", { name: "Country" }).fill("Germanistan");
  await page.getByRole("button", { name: "Save seller profile" }).click();
  await expect(page.getByText("Choose your country from the list, such as Germany.")).toBeVisible();
});
