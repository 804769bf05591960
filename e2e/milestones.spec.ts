import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, apiPost, createSellerWithGig, grantAdmin, signUp } from "./orders.fixtures";

// The server's Content-Security-Policy (script-src 'self') would block injecting axe-core.
test.use({ bypassCSP: true });

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe("milestones", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a matched seller's offer in milestones: paid whole, the first delivered and accepted, its share clearing, the rest split in a dispute", async ({
    browser,
  }) => {
    const seller = await newPerson(browser);
    const buyer = await newPerson(browser);
    await signUp(seller, "e2e_mst_s_", "Mia Milestone");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_mst_b_", "Ben Buyer");

    // The buyer's brief reaches the seller (e2e/negotiation.spec.ts covers the brief in detail).
    await buyer.goto("/briefs/new");
    await buyer.getByLabel("Title").fill(`A ${gig.keyword} logo for my shop`);
    await buyer
      .getByLabel("What do you need?")
      .fill(`I need a hand lettered ${gig.keyword} logo for my shop sign, then a brand sheet.`);
    await buyer.getByLabel("Budget, USD (optional)").fill("160");
    await buyer.getByRole("button", { name: "Post brief" }).click();
    await expect(buyer).toHaveURL(/\/briefs\/brf_/);

    // The seller answers with 150.00 in three milestones, the sum checked as they type.
    await seller.goto("/seller/briefs");
    await seller.getByRole("link", { name: `A ${gig.keyword} logo for my shop` }).click();
    await seller.getByLabel("Offer title").fill("Brand kit in three parts");
    await seller
      .getByLabel("What you will deliver")
      .fill("A logo, a brand sheet and social images, one after another.");
    await seller.getByLabel("Price (USD)").fill("150");
    await seller.getByRole("button", { name: "Split into milestones" }).click();
    await seller.getByRole("button", { name: "Add a milestone" }).click();
    const parts = [
      ["Logo", "50", "2"],
      ["Brand sheet", "50", "2"],
      ["Social images", "40", "1"],
    ] as const;
    for (const [i, [title, price, days]] of parts.entries()) {
      await seller.getByLabel(`Milestone ${i + 1} title`).fill(title);
      await seller.getByLabel(`Milestone ${i + 1} price`).fill(price);
      await seller.getByLabel(`Milestone ${i + 1} days`).fill(days);
    }
    await expect(seller.getByRole("status").filter({ hasText: "Milestones add up" })).toContainText(
      "$10.00 left to place",
    );
    await seller.getByLabel("Milestone 3 price").fill("50");
    await expect(seller.getByRole("status").filter({ hasText: "Milestones add up" })).toContainText(
      "add up to the price, $150.00",
    );
    await expectNoSeriousA11yViolations(seller);
    await seller.getByRole("button", { name: "Send offer" }).click();
    await expect(seller).toHaveURL(/\/inbox\/cnv_/);
    const sellerCard = seller.getByRole("article", { name: "Custom offer: Brand kit in three parts" });
    await expect(sellerCard.getByRole("list", { name: "Milestones" })).toContainText("Social images");

    // The buyer pays the whole price: 150.00 + 5.5 % = 158.25.
    await buyer.reload();
    const card = buyer.getByRole("article", { name: "Custom offer: Brand kit in three parts" });
    await expect(card).toContainText("$158.25");
    await expect(card.getByRole("list", { name: "Milestones" })).toContainText("Logo");
    await card.getByRole("button", { name: /Accept and pay/ }).click();
    await expect(buyer).toHaveURL(/\/orders\/ord_/);
    const orderUrl = buyer.url();
    const milestones = buyer.getByRole("region", { name: "Milestones" });
    await expect(milestones.getByRole("listitem", { name: "Milestone 1: Logo" })).toContainText(
      "In progress",
    );
    await expect(milestones.getByRole("listitem", { name: "Milestone 2: Brand sheet" })).toContainText(
      "Not started",
    );
    await expectNoSeriousA11yViolations(buyer);

    // The seller delivers the first milestone.
    await seller.goto(orderUrl);
    const first = seller.getByRole("listitem", { name: "Milestone 1: Logo" });
    await first.getByLabel("Delivery message").fill("The logo, in three colourways.");
    await first.getByRole("button", { name: "Deliver now" }).click();
    await expect(first).toContainText("Delivered");

    // The buyer accepts it; the second milestone starts.
    await buyer.reload();
    const toAccept = buyer.getByRole("listitem", { name: "Milestone 1: Logo" });
    await toAccept.getByRole("button", { name: "Accept milestone 1" }).click();
    await toAccept.getByRole("button", { name: "Yes, accept and pay" }).click();
    await expect(toAccept).toContainText("Accepted");
    await expect(buyer.getByRole("listitem", { name: "Milestone 2: Brand sheet" })).toContainText(
      "In progress",
    );

    // The seller's wallet shows the first milestone's share after commission (50.00 − 20 % = 40.00)
    // pending clearance.
    await seller.goto("/wallet");
    await expect(seller.getByText("milestone “Logo”")).toBeVisible();
    const clearing = seller.getByRole("region", { name: "Clearing" });
    await expect(clearing.getByRole("listitem").filter({ hasText: "milestone “Logo”" })).toContainText(
      "$40.00",
    );
    await expectNoSeriousA11yViolations(seller);

    // The buyer disputes the rest; an admin splits what the two milestones not accepted still hold
    // (2 × 52.75 = 105.50), 40 % to the seller: 60.00 + 3.30 of the fee back to the buyer, 40.00
    // less 20 % commission (32.00) to the seller. The accepted milestone stays paid.
    const orderId = orderUrl.split("/").pop() ?? "";
    await apiPost(buyer, `/api/orders/${orderId}/disputes`, { reason: "The brand sheet stalled." });
    const creditsBefore = ((await apiGet(buyer, "/api/wallet")) as { credits: { amount: number } }).credits
      .amount;
    const admin = await newPerson(browser);
    const me = await signUp(admin, "e2e_mst_a_", "Ada Admin");
    await grantAdmin(me.email);
    await admin.goto("/admin/disputes");
    const disputeCard = admin.getByRole("article", { name: "Brand kit in three parts" });
    await expect(disputeCard).toContainText(
      "Paid in 3 milestones; 1 accepted and already paid to Mia Milestone",
    );
    await disputeCard.getByRole("radio", { name: /Split/ }).check();
    await disputeCard.getByLabel("Refund to the buyer (%)").fill("60");
    await disputeCard.getByRole("button", { name: "Review the decision" }).click();
    const confirm = disputeCard.getByRole("group", {
      name: /Confirm the decision: Split \(60% to the buyer\)/,
    });
    await expect(confirm).toContainText("This moves the $105.50 held in escrow now");
    await expect(confirm.getByRole("definition").nth(0)).toHaveText("$63.30");
    await expect(confirm.getByRole("definition").nth(1)).toHaveText("$32.00");
    await expectNoSeriousA11yViolations(admin);
    await confirm.getByRole("button", { name: "Confirm and move the money" }).click();
    await expect(disputeCard.getByRole("status")).toContainText("Ben Buyer got $63.30 back as credits");
    const after = (await apiGet(buyer, `/api/orders/${orderId}`)) as {
      status: string;
      milestones: { status: string }[];
    };
    expect([after.status, ...after.milestones.map((m) => m.status)]).toEqual([
      "completed",
      "completed",
      "cancelled",
      "cancelled",
    ]);
    const creditsAfter = ((await apiGet(buyer, "/api/wallet")) as { credits: { amount: number } }).credits
      .amount;
    expect(creditsAfter - creditsBefore).toBe(6330);
    // The seller's clearing list now holds the split's share beside the accepted milestone's.
    await seller.goto("/wallet");
    await expect(
      seller.getByRole("region", { name: "Clearing" }).getByRole("listitem").filter({ hasText: "$32.00" }),
    ).toHaveCount(1);
  });
});
