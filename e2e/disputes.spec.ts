import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  apiGet,
  apiPost,
  createSellerWithGig,
  grantAdmin,
  placeOrder,
  screenshot,
  signUp,
  submitRequirements,
} from "./orders.fixtures";

/** A person in their own browser context (their own cookies), with the project's options. */
async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function credits(page: Page): Promise<number> {
  const wallet = (await apiGet(page, "/api/wallet")) as { credits: { amount: number } };
  return wallet.credits.amount;
}

async function pending(page: Page): Promise<number> {
  const wallet = (await apiGet(page, "/api/wallet")) as { pendingClearance: { amount: number } };
  return wallet.pendingClearance.amount;
}

test.describe("disputes", () => {
  test.describe.configure({ timeout: 120_000 });

  test("an admin confirms a split with its amounts; the buyer reads the note and gets the refund as credits", async ({
    page: admin,
    browser,
  }, testInfo) => {
    // A disputed order: 50.00 + 5.75 fee paid by card, the work started, the buyer disputes.
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_dseller_", "Sol Seller");
    const gig = await createSellerWithGig(seller);
    const buyer = await newPerson(browser);
    await signUp(buyer, "e2e_dbuyer_", "Bo Buyer");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);
    await apiPost(buyer, `/api/orders/${orderId}/disputes`, { reason: "The source files never came." });
    const creditsBefore = await credits(buyer);
    const pendingBefore = await pending(seller);

    const me = await signUp(admin, "e2e_admin_", "Ada Admin");
    await grantAdmin(me.email);

    // The admin decides a 30% split with a note, and is shown what each side gets before any money moves.
    await admin.goto("/admin/disputes");
    const card = admin.getByRole("article", { name: gig.title });
    await expect(card).toContainText("The source files never came.");
    await card.getByRole("radio", { name: /Split/ }).check();
    await card.getByLabel("Refund to the buyer (%)").fill("30");
    const note = "The wordmark was delivered without its source files, so 30% goes back to the buyer.";
    await card.getByLabel("Note to both parties (optional)").fill(note);
    await card.getByRole("button", { name: "Review the decision" }).click();

    const confirm = card.getByRole("group", { name: /Confirm the decision: Split \(30% to the buyer\)/ });
    await expect(confirm).toBeFocused();
    // 50.00 → 15.00 / 35.00; fee 5.75 → 1.73 / 4.02; the seller's 35.00 less 20% commission.
    await expect(confirm.getByRole("definition").nth(0)).toHaveText("$16.73");
    await expect(confirm.getByRole("definition").nth(1)).toHaveText("$28.00");
    await expect(confirm).toContainText(note);
    await expectNoSeriousA11yViolations(admin);
    // Nothing has moved yet: the order is still disputed and the buyer's credits are unchanged.
    expect(((await apiGet(buyer, `/api/orders/${orderId}`)) as { status: string }).status).toBe("disputed");
    expect(await credits(buyer)).toBe(creditsBefore);

    // At 375 px the confirmation fits without sideways scrolling.
    await admin.setViewportSize({ width: 375, height: 800 });
    await expect(confirm).toBeVisible();
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(admin, testInfo.outputPath("dispute-confirm.png"));
    await admin.setViewportSize({ width: 1280, height: 800 });

    await confirm.getByRole("button", { name: "Confirm and move the money" }).click();
    const resolved = card.getByRole("status");
    await expect(resolved).toContainText("Resolved: the order is now completed");
    await expect(resolved).toContainText("Bo Buyer got $16.73 back as credits");

    // The buyer reads the decision, the note and the refund on the order page; the credits are there.
    await buyer.goto(`/orders/${orderId}`);
    const panel = buyer.getByRole("region", { name: /Dispute resolved/ });
    await expect(panel).toContainText("You got $16.73 back as Atelier credits");
    await expect(panel).toContainText("Sol Seller received $28.00 for the work.");
    await expect(panel).toContainText(note);
    await expect(buyer.getByText("The payment went to")).toHaveCount(0);
    await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
      "An admin resolved the dispute with a split: $16.73 back to the buyer as credits, $28.00 to the seller.",
    );
    await expectNoSeriousA11yViolations(buyer);
    expect((await credits(buyer)) - creditsBefore).toBe(1673);
    await buyer.goto("/wallet");
    await expect(buyer.getByRole("main")).toContainText("$16.73");

    // The seller reads their side of it, and their pending earnings grew by exactly that.
    await seller.goto(`/orders/${orderId}`);
    const sellerPanel = seller.getByRole("region", { name: /Dispute resolved/ });
    await expect(sellerPanel).toContainText("You received $28.00 (after commission)");
    await expect(sellerPanel).toContainText("Bo Buyer got $16.73 back as Atelier credits.");
    await expect(sellerPanel).toContainText(note);
    expect((await pending(seller)) - pendingBefore).toBe(2800);
  });
});
