import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { createSellerWithGig, signUp } from "./orders.fixtures";

// The server's Content-Security-Policy (script-src 'self') would block injecting axe-core.
test.use({ bypassCSP: true });

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe("negotiation", () => {
  test("a brief reaches a fitting seller, whose custom offer the buyer pays at its all-in price", async ({
    browser,
  }) => {
    const seller = await newPerson(browser);
    const buyer = await newPerson(browser);
    await signUp(seller, "e2e_offer_s_", "Sol Seller");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_offer_b_", "Bea Buyer");

    // The buyer posts a brief in plain words; the seller's gig fits it.
    await buyer.goto("/briefs/new");
    await buyer.getByLabel("Title").fill(`A ${gig.keyword} logo for my shop`);
    await buyer
      .getByLabel("What do you need?")
      .fill(`I need a hand lettered ${gig.keyword} logo for my shop sign.`);
    await buyer.getByLabel("Budget, USD (optional)").fill("150");
    await buyer.getByRole("button", { name: "Post brief" }).click();
    await expect(buyer).toHaveURL(/\/briefs\/brf_/);
    // Other logo sellers fit some of the words too; the seller whose gig has them all is among those told.
    await expect(buyer.getByRole("heading", { name: /Sellers we told/ })).toBeVisible();
    await expect(buyer.getByRole("listitem").filter({ hasText: gig.title }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(buyer);

    // The seller finds it in the brief inbox and answers with an offer.
    await seller.goto("/seller/briefs");
    await seller.getByRole("link", { name: `A ${gig.keyword} logo for my shop` }).click();
    await seller.getByLabel("Offer title").fill("Shop sign wordmark");
    await seller.getByLabel("What you will deliver").fill("A lettered wordmark sized for your shop sign.");
    await seller.getByLabel("Price (USD)").fill("90");
    await seller.getByRole("button", { name: "Send offer" }).click();
    await expect(seller).toHaveURL(/\/inbox\/cnv_/);
    await expect(seller.getByRole("article", { name: "Custom offer: Shop sign wordmark" })).toBeVisible();

    // The buyer sees the offer with its all-in price (90.00 + 5.5 % + 3.00) and pays it.
    await buyer.reload();
    const card = buyer.getByRole("article", { name: "Custom offer: Shop sign wordmark" });
    await expect(card).toContainText("$97.95");
    await card.getByRole("button", { name: /Accept and pay/ }).click();
    await expect(buyer).toHaveURL(/\/orders\/ord_/);
    await expect(buyer.getByRole("heading", { level: 1, name: "Shop sign wordmark" })).toBeVisible();
    await expect(buyer.getByRole("heading", { level: 2, name: "Send your requirements" })).toBeVisible();
    await expect(buyer.getByRole("region", { name: "Summary" })).toContainText("$97.95");
  });
});
