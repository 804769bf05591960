import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  advanceClock,
  apiGet,
  apiPost,
  createSellerWithGig,
  DAY,
  grantAdmin,
  placeOrder,
  signUp,
  submitRequirements,
  screenshot,
  withClockLock,
  type Person,
  type TestGig,
} from "./orders.fixtures";
import {
  expectDownloadedBytes,
  expectEmail,
  expectNotification,
  expectWalletAmount,
  orderAs,
  walletOf,
} from "./outcomes";

/** The file a seller delivers; the buyer must download exactly these bytes. */
const WORDMARK = Buffer.from("A hand-lettered wordmark, as outlines.\n");
const usd = (amount: number) => ({ amount, currency: "USD" });

async function csrf(page: Page): Promise<Record<string, string>> {
  const value = (await page.context().cookies()).find((c) => c.name === "atelier_csrf")?.value;
  return value ? { "X-CSRF-Token": value } : {};
}

/** A second person in their own browser context (their own cookies), with the project's options. */
async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function sellerWithGig(
  browser: Browser,
): Promise<{ seller: Page; sellerPerson: Person; gig: TestGig }> {
  const seller = await newPerson(browser);
  const sellerPerson = await signUp(seller, "e2e_seller_", "Maja Seller");
  const gig = await createSellerWithGig(seller);
  return { seller, sellerPerson, gig };
}

async function deliverInBrowser(seller: Page, orderId: string, message: string) {
  await seller.goto(`/orders/${orderId}`);
  await seller.getByLabel("Delivery message").fill(message);
  await seller.getByLabel("Files", { exact: true }).setInputFiles({
    name: "wordmark.txt",
    mimeType: "text/plain",
    buffer: WORDMARK,
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
      const { seller, sellerPerson, gig } = await sellerWithGig(browser);
      const buyerPerson = await signUp(buyer, "e2e_buyer_", "Bea Buyer");

      // Search, open the gig, continue with the basic package. The card's price is all-in: 50.00
      // plus the 5.75 service fee (shared/UI.md; issue 12 item 4).
      await buyer.goto("/");
      const search = buyer.getByRole("search", { name: "Site search" });
      await search.getByLabel("Search services").fill(gig.keyword);
      await search.getByLabel("Search services").press("Enter");
      await expect(buyer.getByRole("article").filter({ hasText: gig.title })).toContainText("$55.75");
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
      // One order was placed, for what the checkout said, and the seller is told by e-mail.
      expect(await orderAs(buyer, orderId)).toMatchObject({
        status: "awaiting_requirements",
        price: { subtotal: usd(5000), serviceFee: usd(575), total: usd(5575) },
      });
      const bought = (await apiGet(buyer, "/api/orders?role=buyer")) as { data: { id: string }[] };
      expect(bought.data.map((o) => o.id)).toEqual([orderId]);
      await expectEmail(sellerPerson.email, `New order: ${gig.title}`);
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
      // The seller reads the buyer's answer.
      await expect(seller.getByText("Bakery Lindqvist, on Storgatan 4")).toBeVisible();
      await deliverInBrowser(seller, orderId, "Here is your wordmark, lettered by hand.");

      // The buyer is told, downloads the delivered file (the very bytes the seller uploaded) and
      // accepts the delivery.
      await expectEmail(buyerPerson.email, `Order delivered: ${gig.title}`);
      await buyer.reload();
      await expect(buyer.getByRole("heading", { name: "Maja Seller delivered your order" })).toBeVisible();
      await expectDownloadedBytes(buyer, buyer.getByRole("link", { name: /^wordmark\.txt/ }), WORDMARK);
      await expect(buyer.getByRole("timer")).toContainText("Completes automatically in");
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("order-delivered.png"));
      await buyer.getByRole("button", { name: "Accept delivery" }).click();
      await buyer.getByRole("button", { name: "Yes, accept and pay the seller" }).click();
      await expect(buyer.getByRole("heading", { name: "Order complete" })).toBeVisible();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText("accepted the delivery");
      // The seller's 40.00 (50.00 less 20% commission) waits in pending clearance, and they are told.
      await expectWalletAmount(seller, "pendingClearance", 4000);
      await expectNotification(seller, `Order completed: ${gig.title}`);

      // A thank-you tip of 10.00: the seller keeps 8.00 after commission.
      const tip = buyer.getByRole("form", { name: "Leave a tip" });
      await expect(tip.getByRole("radio", { name: "$10" })).toBeChecked();
      await tip.getByRole("button", { name: "Send tip" }).click();
      await expect(buyer.getByRole("status").filter({ hasText: "You tipped $10.00" })).toBeVisible();
      await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText("left a tip of $10.00");
      await expectWalletAmount(seller, "pendingClearance", 4800);
      await expectNotification(seller, `You received a tip: ${gig.title}`);

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
      expect(await walletOf(seller)).toMatchObject({
        available: usd(0),
        pendingClearance: usd(0),
        withdrawn: usd(4800),
      });
      await seller.context().close();
    });
  });

  test("a buyer asks for a revision, the seller delivers again, the buyer accepts", async ({
    page: buyer,
    browser,
  }) => {
    await withClockLock(async () => {
      const { seller, sellerPerson, gig } = await sellerWithGig(browser);
      await signUp(buyer, "e2e_buyer_", "Rui Buyer");
      const orderId = await placeOrder(buyer, gig.id);
      await submitRequirements(buyer, orderId);
      await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
        aiUse: "none",
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

      // The seller is told and reads the request; they answer in the order's timeline before
      // delivering again.
      await expectEmail(sellerPerson.email, `Revision requested: ${gig.title}`);
      await seller.goto(`/orders/${orderId}`);
      await expect(seller.getByRole("region", { name: "Timeline" })).toContainText(
        "Could the letters be a little rounder?",
      );
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
      // The second delivery's file reaches the buyer intact.
      await expectDownloadedBytes(buyer, buyer.getByRole("link", { name: /^wordmark\.txt/ }), WORDMARK);
      // The server refuses a revision beyond the package's one.
      const extra = await buyer.request.post(`/api/orders/${orderId}/revision-requests`, {
        data: { message: "One more?" },
        headers: await csrf(buyer),
      });
      expect(extra.status()).toBe(409);
      await buyer.getByRole("button", { name: "Accept delivery" }).click();
      await buyer.getByRole("button", { name: "Yes, accept and pay the seller" }).click();
      await expect(buyer.getByRole("heading", { name: "Order complete" })).toBeVisible();
      expect((await orderAs(buyer, orderId)).status).toBe("completed");
      await expectWalletAmount(seller, "pendingClearance", 4000);
      await seller.context().close();
    });
  });

  test("a buyer cancels an order that is a day late and gets the money back as credits @phone", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    await withClockLock(async () => {
      const { seller, sellerPerson, gig } = await sellerWithGig(browser);
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
      expect(await walletOf(buyer)).toMatchObject({ credits: usd(5575) });

      // The seller is told, sees the cancelled order in the list, and earned nothing from it.
      await expectEmail(sellerPerson.email, `Order cancelled for lateness: ${gig.title}`);
      await seller.goto("/selling/orders?status=cancelled");
      await expect(seller.getByRole("link", { name: gig.title })).toBeVisible();
      expect(await walletOf(seller)).toMatchObject({ available: usd(0), pendingClearance: usd(0) });

      // The credits pay for the next order: checkout offers them, and they are spent.
      await buyer.goto(`/checkout/${gig.id}?tier=basic`);
      await buyer.getByRole("radio", { name: /Atelier credits/ }).check();
      await buyer.getByRole("button", { name: /^Pay \$55\.75/ }).click();
      await expect(buyer).toHaveURL(/\/orders\/ord_/);
      const second = buyer.url().split("/orders/")[1] ?? "";
      expect(second).not.toBe(orderId);
      expect((await orderAs(buyer, second)).price.total).toEqual(usd(5575));
      await expectWalletAmount(buyer, "credits", 0);
      await seller.context().close();
    });
  });

  test("a buyer opens a dispute and an admin splits the payment", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    const { seller, sellerPerson, gig } = await sellerWithGig(browser);
    const buyerPerson = await signUp(buyer, "e2e_buyer_", "Ola Buyer");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);

    await buyer.goto(`/orders/${orderId}`);
    await buyer.getByRole("button", { name: "Open a dispute" }).click();
    await buyer.getByLabel("What went wrong?").fill("The seller stopped answering my messages.");
    await buyer.getByRole("button", { name: "Open dispute", exact: true }).click();
    await expect(buyer.getByRole("heading", { name: "This order is in dispute" })).toBeVisible();
    await expectEmail(sellerPerson.email, `Dispute opened: ${gig.title}`);

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
    await card
      .getByLabel("Note to both parties (optional)")
      .fill("Half-finished work: most goes back to you.");
    // Money moves only once the admin has reviewed and confirmed the decision (issue 12 item 11).
    await card.getByRole("button", { name: "Review the decision" }).click();
    await card.getByRole("button", { name: "Confirm and move the money" }).click();
    await expect(card.getByRole("status")).toContainText("Resolved");

    await buyer.reload();
    await expect(buyer.getByRole("heading", { name: /^Dispute resolved/ })).toBeVisible();
    await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
      "resolved the dispute with a split",
    );
    // The money moved as decided: 40% of the 55.75 paid (22.30) back to the buyer's credits; 60% of
    // the 50.00 subtotal less 20% commission (24.00) to the seller's pending clearance. Each side is
    // told by e-mail, and each order page says what that side got (issue 12 item 11).
    await expectWalletAmount(buyer, "credits", 2230);
    await expectWalletAmount(seller, "pendingClearance", 2400);
    await expectEmail(buyerPerson.email, `Dispute resolved: ${gig.title}`);
    await expectEmail(sellerPerson.email, `Dispute resolved: ${gig.title}`);
    await expect(buyer.getByRole("main")).toContainText("You got $22.30 back as Atelier credits");
    await expect(buyer.getByRole("main")).toContainText("Half-finished work: most goes back to you.");
    await seller.goto(`/orders/${orderId}`);
    await expect(seller.getByRole("main")).toContainText("$24.00");
    await expect(seller.getByRole("main")).toContainText("Half-finished work: most goes back to you.");
    await admin.context().close();
    await seller.context().close();
  });
});
