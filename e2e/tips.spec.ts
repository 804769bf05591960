import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  apiGet,
  apiPost,
  createSellerWithGig,
  placeOrder,
  signUp,
  submitRequirements,
} from "./orders.fixtures";

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

interface Tip {
  amount: { amount: number };
  serviceFee: { amount: number };
  total: { amount: number };
}

test.describe("tips", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a buyer sees a tip's service fee before paying, and the same fee is charged and shown after", async ({
    page: buyer,
    browser,
  }) => {
    // A completed order, moved along by API.
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_tseller_", "Tia Seller");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_tbuyer_", "Tom Buyer");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);
    await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
      aiUse: "none",
      message: "Here it is",
      fileIds: [],
    });
    await apiPost(buyer, `/api/orders/${orderId}/accept`, {});

    await buyer.goto(`/orders/${orderId}`);
    const form = buyer.getByRole("form", { name: "Leave a tip" });
    // The preset 10.00: 5.5% = 0.55 plus the 3.00 small-payment fee.
    await expect(form).toContainText("Service fee$3.55");
    await expect(form).toContainText("You pay$13.55");
    await form.getByRole("radio", { name: "Other" }).check();
    await form.getByLabel("Amount (USD)").fill("12.50");
    await expect(form).toContainText("Service fee$3.69");
    await expect(form).toContainText("You pay$16.19");
    await expectNoSeriousA11yViolations(buyer);

    await form.getByRole("button", { name: "Send tip" }).click();
    await expect(buyer.getByRole("status").filter({ hasText: "You tipped" })).toContainText(
      "You tipped $12.50. With the $3.69 service fee, $16.19 was charged.",
    );
    // What the server recorded as charged is what was shown.
    const order = (await apiGet(buyer, `/api/orders/${orderId}`)) as { tips: Tip[] };
    expect(order.tips.map((t) => [t.amount.amount, t.serviceFee.amount, t.total.amount])).toEqual([
      [1250, 369, 1619],
    ]);
    await expect(buyer.getByRole("complementary", { name: "Order details" })).toContainText(
      "+ $3.69 service fee = $16.19 paid",
    );
    await expect(buyer.getByRole("region", { name: "Timeline" })).toContainText(
      "You left a tip of $12.50 (service fee $3.69, $16.19 charged).",
    );
  });
});
