import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  advanceClock,
  apiPost,
  createSellerWithGig,
  DAY,
  grantAdmin,
  placeOrder,
  signUp,
  submitRequirements,
  screenshot,
  withClockLock,
  type TestGig,
} from "./orders.fixtures";

/** A second person in their own browser context (their own cookies), with the project's options. */
async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function sellerWithGig(browser: Browser): Promise<{ seller: Page; gig: TestGig }> {
  const seller = await newPerson(browser);
  await signUp(seller, "e2e_seller_", "Maja Seller");
  const gig = await createSellerWithGig(seller);
  return { seller, gig };
}

async function deliverInBrowser(seller: Page, orderId: string, message: string) {
  await seller.goto(`/orders/${orderId}`);
  await seller.getByLabel("Delivery message").fill(message);
  await seller.getByLabel("Files", { exact: true }).setInputFiles({
    name: "wordmark.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("A hand-lettered wordmark, as outlines.\n"),
  });
  await expect(seller.getByRole("list", { name: "Chosen files" })).toContainText("wordmark.txt");
  await seller.getByRole("button", { name: "Deliver now" }).click();
  await expect(seller.getByRole("heading", { name: /Waiting for .* to review the delivery/ })).toBeVisible();
}

test.describe("orders", () => {
  // Each test waits its turn for the shared test clock (see withClockLock), so allow for the wait.
  test.describe.configure({ timeout: 240_000 });

  test("a buyer finds a gig, pays into escrow, accepts the delivery; the seller is paid and withdraws", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    await withClockLock(async () => {
      const { seller, gig } = await sellerWithGig(browser);
      await signUp(buyer, "e2e_buyer_", "Bea Buyer");

      // Search, open the gig, continue with the basic package.
      await buyer.goto("/");
      const search = buyer.getByRole("search", { name: "Site search" });
      await search.getByLabel("Search services").fill(gig.keyword);
      await search.getByLabel("Search services").press("Enter");
      await buyer.getByRole("link", { name: gig.title }).click();
      await buyer.getByRole("link", { name: /^Continue/ }).click();

      // Checkout: the all-in price with its fee breakdown, the sandbox card, the protection note.
      await expect(buyer).toHaveURL(new RegExp(`/checkout/${gig.id}`));
      await expect(buyer.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
      const breakdown = buyer.getByRole("group", { name: "Fee breakdown" });
      await expect(breakdown).toContainText("$50.00");
      await expect(breakdown).toContainText("$5.75");
      await expect(breakdown).toContainText("$55.75");
      await expect(buyer.getByRole("radio", { name: /Visa ending 4242/ })).toBeChecked();
      await expect(buyer.getByText("Your money is protected.")).toBeVisible();
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("checkout.png"));

      // A declined card leaves no order behind and says what to do.
      await buyer.getByRole("radio", { name: /Declined card/ }).check();
      await buyer.getByRole("button", { name: "Pay $55.75" }).click();
      await expect(buyer.getByRole("alert")).toContainText("The card was declined");
      await buyer.getByRole("radio", { name: /Visa ending 4242/ }).check();
      await buyer.getByRole("button", { name: "Pay $55.75" }).click();

      // The order page: send the requirements.
      await expect(buyer).toHaveURL(/\/orders\/ord_/);
      const orderId = buyer.url().split("/orders/")[1] ?? "";
      await expect(buyer.getByRole("heading", { name: "Send your requirements" })).toBeVisible();
      await expectNoSeriousA11yViolations(buyer);
      await buyer.getByLabel(gig.requirementQuestion).fill("Bakery Lindqvist, on Storgatan 4");
      await buyer.getByRole("button", { name: "Send requirements and start" }).click();
      await expect(buyer.getByRole("heading", { name: /is working on your order/ })).toBeVisible();
      await expect(buyer.getByRole("timer")).toContainText("Due in");
      await expect(buyer.getByText("Bakery Lindqvist, on Storgatan 4")).toBeVisible();

      // The seller finds the order in their list and delivers with a file.
      await seller.goto("/selling/orders?status=in_progress");
      await expect(seller.getByText(/Your move: Deliver by/)).toBeVisible();
      await seller.getByRole("link", { name: gig.title }).click();
      await expect(seller).toHaveURL(new RegExp(`/orders/${orderId}`));
      await deliverInBrowser(seller, orderId, "Here is your wordmark, lettered by hand.");

      // The buyer sees the delivery with its file and accepts it.
      await buyer.reload();
      await expect(buyer.getByRole("heading", { name: "Maja Seller delivered your order" })).toBeVisible();
      await expect(buyer.getByRole("link", { name: /wordmark\.txt/ })).toBeVisible();
      await expect(buyer.getByRole("timer")).toContainText("Completes automatically in");
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("order-delivered.png"));
      await buyer.getByRole("button", { name: "Accept delivery" }).click();
      await buyer.getByRole("button", { name: "Yes, accept and pay the seller" }).click();
      await expect(buyer.getByRole("heading", { name: "Order complete" })).toBeVisible();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText("accepted the delivery");

      // A thank-you tip of 10.00: the seller keeps 8.00 after commission.
      const tip = buyer.getByRole("form", { name: "Leave a tip" });
      await expect(tip.getByRole("radio", { name: "$10" })).toBeChecked();
      await tip.getByRole("button", { name: "Send tip" }).click();
      await expect(buyer.getByRole("status").filter({ hasText: "You tipped $10.00" })).toBeVisible();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText("left a tip of $10.00");

      await buyer.goto("/orders?status=completed");
      await expect(buyer.getByRole("link", { name: gig.title })).toBeVisible();
      await screenshot(buyer, testInfo.outputPath("orders-list.png"));

      // Earnings wait in pending clearance, then clear after 14 days.
      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Pending clearance" })).toContainText("$48.00");
      await advanceClock(15 * DAY, [buyer, seller]);

      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Available" })).toContainText("$48.00");
      await expect(seller.getByRole("figure")).toContainText("$48.00");
      await expectNoSeriousA11yViolations(seller);
      await seller.getByRole("button", { name: /Withdraw \$48\.00/ }).click();
      await expect(seller.getByLabel(/Amount/)).toHaveValue("48.00");
      await seller.getByLabel("Bank account (last 4 digits)").fill("4242");
      await seller.getByRole("button", { name: "Withdraw", exact: true }).click();
      await expect(seller.getByRole("status").filter({ hasText: "on its way" })).toContainText("$48.00");
      await expect(seller.getByRole("region", { name: "Past withdrawals" })).toContainText("To bank ••4242");
      await expect(seller.getByRole("region", { name: "Transactions" })).toContainText("Withdrawal");
      await screenshot(seller, testInfo.outputPath("wallet.png"));
      await expect(seller.getByRole("listitem", { name: "Withdrawn" })).toContainText("$48.00");
      await seller.context().close();
    });
  });

  test("a buyer asks for a revision, the seller delivers again, the buyer accepts", async ({
    page: buyer,
    browser,
  }) => {
    await withClockLock(async () => {
      const { seller, gig } = await sellerWithGig(browser);
      await signUp(buyer, "e2e_buyer_", "Rui Buyer");
      const orderId = await placeOrder(buyer, gig.id);
      await submitRequirements(buyer, orderId);
      await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
        message: "First draft of the wordmark.",
        fileIds: [],
      });

      await buyer.goto(`/orders/${orderId}`);
      await expect(buyer.getByRole("heading", { name: "Maja Seller delivered your order" })).toBeVisible();
      await buyer.getByRole("button", { name: "Request a revision" }).click();
      await buyer.getByLabel("Revision request").fill("Could the letters be a little rounder?");
      await buyer.getByRole("button", { name: "Send revision request" }).click();
      await expect(buyer.getByRole("heading", { name: /is working on your order/ })).toBeVisible();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
        "Could the letters be a little rounder?",
      );

      // The seller answers in the order's timeline before delivering again.
      await seller.goto(`/orders/${orderId}`);
      await seller.getByLabel("Message Rui Buyer").fill("Rounder it is: expect it tomorrow.");
      await seller.getByRole("button", { name: "Send message" }).click();
      await expect(seller.getByRole("region", { name: "Timeline" })).toContainText("Rounder it is");
      await deliverInBrowser(seller, orderId, "Rounder letters, as you asked.");
      await expect(seller.getByText("Delivery 2")).toBeVisible();

      await buyer.reload();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
        "Rounder it is: expect it tomorrow.",
      );
      await expect(buyer.getByText("No revisions are left on this package.")).toBeVisible();
      await expect(buyer.getByRole("button", { name: "Request a revision" })).toHaveCount(0);
      await buyer.getByRole("button", { name: "Accept delivery" }).click();
      await buyer.getByRole("button", { name: "Yes, accept and pay the seller" }).click();
      await expect(buyer.getByRole("heading", { name: "Order complete" })).toBeVisible();
      await seller.context().close();
    });
  });

  test("a buyer cancels an order that is a day late and gets the money back as credits @phone", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    await withClockLock(async () => {
      const { seller, gig } = await sellerWithGig(browser);
      await signUp(buyer, "e2e_buyer_", "Lea Buyer");
      const orderId = await placeOrder(buyer, gig.id);
      await submitRequirements(buyer, orderId);

      await buyer.goto(`/orders/${orderId}`);
      await expect(buyer.getByRole("button", { name: "Cancel order for a full refund" })).toHaveCount(0);

      // Two days to deliver, then 24 hours of grace: move past both.
      await advanceClock(3 * DAY + 3600, [buyer, seller]);
      await buyer.reload();
      await expect(buyer.getByRole("timer")).toContainText("Late");
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("order-late.png"));
      await buyer.getByRole("button", { name: "Cancel order for a full refund" }).click();
      await buyer.getByRole("button", { name: "Yes, cancel and refund" }).click();
      await expect(buyer.getByRole("heading", { name: "Order cancelled" })).toBeVisible();
      await expect(buyer.getByText("$55.75 was refunded to your Atelier credits.")).toBeVisible();

      await buyer.getByRole("link", { name: "See your credits" }).click();
      await expect(buyer).toHaveURL(/\/wallet/);
      await expect(buyer.getByRole("listitem", { name: "Credits" })).toContainText("$55.75");
      await expect(buyer.getByRole("region", { name: "Transactions" })).toContainText(
        "Refund of a cancelled order",
      );
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("wallet-credits.png"));

      // The seller sees the cancelled order in the list.
      await seller.goto("/selling/orders?status=cancelled");
      await expect(seller.getByRole("link", { name: gig.title })).toBeVisible();
      await seller.context().close();
    });
  });

  test("a buyer opens a dispute and an admin splits the payment", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    const { seller, gig } = await sellerWithGig(browser);
    await signUp(buyer, "e2e_buyer_", "Ola Buyer");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);

    await buyer.goto(`/orders/${orderId}`);
    await buyer.getByRole("button", { name: "Open a dispute" }).click();
    await buyer.getByLabel("What went wrong?").fill("The seller stopped answering my messages.");
    await buyer.getByRole("button", { name: "Open dispute", exact: true }).click();
    await expect(buyer.getByRole("heading", { name: "This order is in dispute" })).toBeVisible();

    const admin = await newPerson(browser);
    const person = await signUp(admin, "e2e_admin_", "Ada Admin");
    await grantAdmin(person.email);
    await admin.goto("/admin/disputes");
    const card = admin.getByRole("article", { name: gig.title });
    await expect(card).toContainText("The seller stopped answering my messages.");
    await expectNoSeriousA11yViolations(admin);
    await screenshot(admin, testInfo.outputPath("admin-disputes.png"));
    await card.getByRole("radio", { name: /Split/ }).check();
    await card.getByLabel("Refund to the buyer (%)").fill("40");
    await card.getByRole("button", { name: "Resolve dispute" }).click();
    await expect(card.getByRole("status")).toContainText("Resolved");

    await buyer.reload();
    await expect(buyer.getByRole("heading", { name: "Order complete" })).toBeVisible();
    await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
      "resolved the dispute with a split",
    );
    await admin.context().close();
    await seller.context().close();
  });
});
