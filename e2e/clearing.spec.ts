import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  advanceClock,
  apiGet,
  apiPost,
  createSellerWithGig,
  DAY,
  placeOrder,
  signUp,
  submitRequirements,
  withClockLock,
} from "./orders.fixtures";

// axe is injected as an inline script, which the app's Content-Security-Policy would block.
test.use({ bypassCSP: true });

/** A demo seller the demo shows as Top Rated (backed by their seeded history and an admin's approval). */
const TOP_RATED = {
  username: "maya_lindqvist",
  email: "maya_lindqvist@example.com",
  password: "atelier-demo-2026",
};

interface WalletDto {
  available: { amount: number };
  clearingDays: number;
  clearing: { orderId: string; amount: { amount: number }; clearsAt: string }[];
}
interface OrderDto {
  id: string;
  gig: { title: string };
  completedAt: string | null;
  clearsAt: string | null;
  clearedAt: string | null;
  price: { sellerEarnings: { amount: number } };
}

const dollars = (minor: number) =>
  (minor / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Requirements by the buyer, a delivery by the seller, acceptance by the buyer: the order completes. */
async function complete(buyer: Page, seller: Page, orderId: string): Promise<OrderDto> {
  await submitRequirements(buyer, orderId);
  await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
    aiUse: "none",
    message: "Done, files attached.",
    fileIds: [],
  });
  return (await apiPost(buyer, `/api/orders/${orderId}/accept`, {})) as OrderDto;
}

test.describe("clearing dates", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a seller sees when their earnings clear (14 days), and the money is available then", async ({
    page: seller,
    browser,
  }) => {
    await withClockLock(async () => {
      await signUp(seller, "e2e_clear_", "Cleo Seller");
      const gig = await createSellerWithGig(seller);
      const buyer = await newPage(browser);
      await signUp(buyer, "e2e_clearbuyer_", "Bo Buyer");
      const order = await complete(buyer, seller, await placeOrder(buyer, gig.id));
      expect(order.clearsAt).not.toBeNull();

      await seller.goto(`/orders/${order.id}`);
      await expect(seller.getByRole("heading", { name: "Order complete" })).toBeVisible();
      await expect(
        seller.getByText(/You earned \$40\.00\. It clears into your available balance on/),
      ).toContainText("14 days after completion");

      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Pending clearance" })).toContainText("$40.00");
      await expect(seller.getByRole("listitem", { name: "Pending clearance" })).toContainText(
        "Earnings clear 14 days after an order completes",
      );
      const clearing = seller.getByRole("region", { name: "Clearing" });
      await expect(clearing).toContainText("Your clearing period is 14 days");
      const item = clearing.getByRole("listitem").filter({ hasText: gig.title });
      await expect(item).toContainText("$40.00");
      await expect(item.locator("time")).toHaveAttribute("datetime", order.clearsAt ?? "");
      await expectNoSeriousA11yViolations(seller);
      await seller.setViewportSize({ width: 375, height: 800 });
      await expect(clearing).toBeVisible();
      expect(await seller.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // Thirteen days on, it is still pending; after the fourteenth, it is available.
      await advanceClock(13 * DAY, [seller, buyer]);
      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Available" })).toContainText("$0.00");
      await advanceClock(DAY + 3600, [seller, buyer]);
      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Available" })).toContainText("$40.00");
      await expect(seller.getByRole("region", { name: "Clearing" })).toContainText(
        "Nothing is waiting to clear.",
      );
      await buyer.context().close();
    });
  });

  test("a Top Rated seller sees 7 days, and their earnings arrive after 7 days", async ({
    page: seller,
    browser,
  }) => {
    await withClockLock(async () => {
      const login = await seller.request.post("/api/auth/login", {
        data: { email: TOP_RATED.email, password: TOP_RATED.password },
      });
      expect(login.ok()).toBe(true);
      expect(((await login.json()) as { user: { sellerLevel: string } }).user.sellerLevel).toBe("top_rated");
      const gigs = (await apiGet(seller, `/api/users/${TOP_RATED.username}/gigs`)) as {
        data: { id: string }[];
      };
      const gigId = gigs.data[0]?.id ?? "";
      const buyer = await newPage(browser);
      await signUp(buyer, "e2e_trbuyer_", "Tia Buyer");
      const order = await complete(buyer, seller, await placeOrder(buyer, gigId));
      const earnings = dollars(order.price.sellerEarnings.amount);
      expect(Date.parse(order.clearsAt ?? "")).toBe(Date.parse(order.completedAt ?? "") + 7 * DAY * 1000);

      await seller.goto(`/orders/${order.id}`);
      await expect(seller.getByText(/It clears into your available balance on/)).toContainText(
        "7 days after completion",
      );
      await seller.goto("/wallet");
      const clearing = seller.getByRole("region", { name: "Clearing" });
      await expect(clearing).toContainText("Your clearing period is 7 days");
      await expect(seller.getByRole("listitem", { name: "Pending clearance" })).toContainText(
        "Earnings clear 7 days after an order completes",
      );
      const item = clearing
        .getByRole("listitem")
        .filter({ has: seller.locator(`time[datetime="${order.clearsAt}"]`) });
      await expect(item).toContainText(earnings);

      // Seven days and an hour on, this order's earnings (and whatever else was due) are available.
      const before = (await apiGet(seller, "/api/wallet")) as WalletDto;
      await advanceClock(7 * DAY + 3600, [seller, buyer]);
      const now = Date.parse(((await apiGet(seller, "/api/test/clock")) as { now: string }).now);
      const due = before.clearing
        .filter((c) => Date.parse(c.clearsAt) <= now)
        .reduce((sum, c) => sum + c.amount.amount, 0);
      expect(before.clearing.some((c) => c.orderId === order.id)).toBe(true);
      await seller.goto("/wallet");
      await expect(seller.getByRole("listitem", { name: "Available" })).toContainText(
        dollars(before.available.amount + due),
      );
      await expect(
        seller.getByRole("region", { name: "Clearing" }).locator(`time[datetime="${order.clearsAt}"]`),
      ).toHaveCount(0);
      expect(((await apiGet(seller, `/api/orders/${order.id}`)) as OrderDto).clearedAt).not.toBeNull();
      await buyer.context().close();
    });
  });
});
