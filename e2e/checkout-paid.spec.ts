import { expect, test } from "@playwright/test";
import { apiGet, createSellerWithGig, signUp } from "./orders.fixtures";
import { expectNoSeriousA11yViolations } from "./helpers";

test.describe("a paid checkout stays paid", () => {
  test("Back after paying shows the checkout as paid, links to the order and cannot buy twice", async ({
    browser,
  }) => {
    const sellerContext = await browser.newContext();
    const buyerContext = await browser.newContext();
    const seller = await sellerContext.newPage();
    const buyer = await buyerContext.newPage();
    try {
      await signUp(seller, "paidseller", "Paid Seller");
      const gig = await createSellerWithGig(seller);
      await signUp(buyer, "paidbuyer", "Paid Buyer");

      await buyer.goto(`/gigs/${gig.id}`);
      await buyer.getByRole("link", { name: /^Continue/ }).click();
      await expect(buyer).toHaveURL(new RegExp(`/checkout/${gig.id}`));
      await buyer.getByRole("button", { name: /^Pay / }).click();
      await expect(buyer).toHaveURL(/\/orders\/ord_/);
      const orderId = buyer.url().split("/orders/")[1]?.split(/[?#]/)[0] ?? "";
      expect(orderId).toMatch(/^ord_/);

      // Back: the checkout says it is paid and leads to the order; there is nothing to pay.
      await buyer.goBack();
      await expect(buyer).toHaveURL(new RegExp(`/checkout/${gig.id}`));
      await expect(buyer.getByRole("status").filter({ hasText: "Already paid" })).toBeVisible();
      await expect(buyer.getByRole("button", { name: /^Pay / })).toHaveCount(0);
      await expectNoSeriousA11yViolations(buyer);

      // A reload of that history entry still knows it was paid.
      await buyer.reload();
      await expect(buyer.getByText("Already paid")).toBeVisible();
      await expect(buyer.getByRole("button", { name: /^Pay / })).toHaveCount(0);

      await buyer.getByRole("link", { name: "View your order" }).click();
      await expect(buyer).toHaveURL(new RegExp(`/orders/${orderId}$`));
      await expect(buyer.getByRole("heading", { name: "Send your requirements" })).toBeVisible();

      // The buyer has exactly one order for this gig, and it is the one the page linked to.
      const orders = (await apiGet(buyer, "/api/orders?role=buyer")) as {
        data: { id: string; gig: { id: string } }[];
      };
      const forGig = orders.data.filter((order) => order.gig.id === gig.id);
      expect(forGig.map((order) => order.id)).toEqual([orderId]);
    } finally {
      await sellerContext.close();
      await buyerContext.close();
    }
  });

  test("an address naming someone else's order is just a checkout", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signUp(page, "paidforger", "Forger");
      const gig = await createSellerWithGig(page);
      const other = await browser.newContext();
      const visitor = await other.newPage();
      await signUp(visitor, "paidvisitor", "Visitor");
      await visitor.goto(`/checkout/${gig.id}?paid=ord_0000000000000000000000000`);
      await expect(visitor.getByRole("button", { name: /^Pay / })).toBeVisible();
      await expect(visitor.getByText("Already paid")).toHaveCount(0);
      await other.close();
    } finally {
      await context.close();
    }
  });
});
