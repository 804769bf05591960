import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  advanceClock,
  apiPost,
  createSellerWithGig,
  DAY,
  placeOrder,
  signUp,
  submitRequirements,
  screenshot,
  withClockLock,
  type TestGig,
} from "./orders.fixtures";
import { expectNotification } from "./outcomes";

/** What anyone sees: a fresh browser with no cookies opens the public gig page. */
async function asVisitor<T>(browser: Browser, fn: (visitor: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function completedOrder(buyer: Page, seller: Page, gig: TestGig): Promise<string> {
  const orderId = await placeOrder(buyer, gig.id);
  await submitRequirements(buyer, orderId);
  await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
    aiUse: "none",
    message: "Your wordmark.",
    fileIds: [],
  });
  await apiPost(buyer, `/api/orders/${orderId}/accept`, {});
  return orderId;
}

test.describe("reviews", () => {
  // Waits its turn for the shared test clock: a jump by another test could close the review window.
  test.describe.configure({ timeout: 240_000 });

  test("buyer and seller review each other; the buyer's review and the seller's reply show on the gig page", async ({
    page: buyer,
    browser,
  }, testInfo) => {
    await withClockLock(async () => {
      const seller = await (await browser.newContext()).newPage();
      await signUp(seller, "e2e_seller_", "Maja Seller");
      const gig = await createSellerWithGig(seller);
      await signUp(buyer, "e2e_buyer_", "Bea Buyer");
      const orderId = await completedOrder(buyer, seller, gig);

      // The buyer reviews first: the review waits, visible only to them, until the seller reviews.
      await buyer.goto(`/orders/${orderId}`);
      const buyerForm = buyer.getByRole("form", { name: "Review Maja Seller" });
      await expect(buyerForm).toBeVisible();
      await buyerForm.getByRole("button", { name: "Publish review" }).click();
      await expect(buyerForm.getByText("Choose from 1 to 5 stars.").first()).toBeVisible();
      await buyerForm
        .getByRole("group", { name: "Overall" })
        .getByRole("radio", { name: /^5 stars/ })
        .check();
      await buyerForm
        .getByRole("group", { name: "Communication" })
        .getByRole("radio", { name: /^5 stars/ })
        .check();
      await buyerForm
        .getByRole("group", { name: "Service as described" })
        .getByRole("radio", { name: /^4 stars/ })
        .check();
      await buyerForm.getByRole("radio", { name: "Yes" }).check();
      await buyerForm
        .getByLabel("Your review")
        .fill("Lovely hand lettering, and the files were ready for the printer.");
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, testInfo.outputPath("order-review-form.png"));
      await buyerForm.getByRole("button", { name: "Publish review" }).click();
      const mine = buyer.getByRole("article", { name: "Review by Bea Buyer" });
      await expect(mine).toContainText("Only you can see this until the other side reviews");
      // Double blind: the public gig page does not show it yet.
      await asVisitor(browser, async (visitor) => {
        await visitor.goto(`/gigs/${gig.id}`);
        await expect(visitor.getByRole("heading", { level: 1, name: gig.title })).toBeVisible();
        await expect(visitor.getByText("Lovely hand lettering")).toHaveCount(0);
      });

      // The seller reviews the buyer; both reviews are published, and the seller replies once.
      await seller.goto(`/orders/${orderId}`);
      const sellerForm = seller.getByRole("form", { name: "Review Bea Buyer" });
      await sellerForm
        .getByRole("group", { name: "Rating" })
        .getByRole("radio", { name: /^5 stars/ })
        .check();
      await sellerForm
        .getByLabel("Your review of Bea Buyer")
        .fill("A clear brief and quick answers. A pleasure.");
      await sellerForm.getByRole("button", { name: "Publish review" }).click();
      const buyersReview = seller.getByRole("article", { name: "Review by Bea Buyer" });
      await expect(buyersReview).toContainText("Lovely hand lettering");
      await expect(buyersReview).toContainText("Would recommend");
      await buyersReview.getByLabel("Reply publicly").fill("Thank you, it was a joy to draw.");
      await buyersReview.getByRole("button", { name: "Post reply" }).click();
      await expect(buyersReview.getByText("Your reply")).toBeVisible();
      await expect(buyersReview.getByRole("button", { name: "Post reply" })).toHaveCount(0);

      // Each side is told of the review it received; the buyer now sees both reviews and the reply.
      await expectNotification(seller, "You received a new review");
      await expectNotification(buyer, "You received a new review");
      await buyer.reload();
      await expect(buyer.getByRole("article", { name: "Review by Maja Seller" })).toContainText(
        "A clear brief and quick answers.",
      );
      await expect(mine).not.toContainText("Only you can see this");
      await expect(mine).toContainText("Thank you, it was a joy to draw.");
      await screenshot(buyer, testInfo.outputPath("order-reviews.png"));

      // Anyone opening the gig page reads the buyer's review and the seller's reply.
      await asVisitor(browser, async (visitor) => {
        await visitor.goto(`/gigs/${gig.id}`);
        const review = visitor.getByRole("listitem").filter({ hasText: "Bea Buyer" });
        await expect(review).toContainText(
          "Lovely hand lettering, and the files were ready for the printer.",
        );
        await expect(review).toContainText("Seller’s response");
        await expect(review).toContainText("Thank you, it was a joy to draw.");
        await expect(visitor.getByRole("img", { name: "Rated 5.0 out of 5" }).first()).toBeVisible();
      });
      await seller.context().close();
    });
  });

  test("a buyer who reviews alone after the reveal day is published at once", async ({
    page: buyer,
    browser,
  }) => {
    await withClockLock(async () => {
      const seller = await (await browser.newContext()).newPage();
      await signUp(seller, "e2e_seller_", "Maja Seller");
      const gig = await createSellerWithGig(seller);
      await signUp(buyer, "e2e_buyer_", "Tove Buyer");
      const orderId = await completedOrder(buyer, seller, gig);

      // Day 11: past the day-10 reveal, inside the 14-day window. The seller never reviews.
      await advanceClock(11 * DAY, [buyer, seller]);
      await buyer.goto(`/orders/${orderId}`);
      const form = buyer.getByRole("form", { name: "Review Maja Seller" });
      await form
        .getByRole("group", { name: "Overall" })
        .getByRole("radio", { name: /^4 stars/ })
        .check();
      await form
        .getByRole("group", { name: "Communication" })
        .getByRole("radio", { name: /^4 stars/ })
        .check();
      await form
        .getByRole("group", { name: "Service as described" })
        .getByRole("radio", { name: /^4 stars/ })
        .check();
      await form.getByRole("radio", { name: "Yes" }).check();
      await form
        .getByLabel("Your review")
        .fill("Took a while to write this, but the logo still delights us.");
      await form.getByRole("button", { name: "Publish review" }).click();
      const mine = buyer.getByRole("article", { name: "Review by Tove Buyer" });
      await expect(mine).toContainText("the logo still delights us");
      await expect(mine).not.toContainText("Only you can see this");

      await asVisitor(browser, async (visitor) => {
        await visitor.goto(`/gigs/${gig.id}`);
        await expect(visitor.getByRole("listitem").filter({ hasText: "Tove Buyer" })).toContainText(
          "the logo still delights us",
        );
      });
      await seller.context().close();
    });
  });
});
