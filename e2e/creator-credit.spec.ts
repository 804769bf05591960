import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Download, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, apiPost, createSellerWithGig, signUp, submitRequirements } from "./orders.fixtures";

/**
 * Creator credit end to end: a buyer buys the commercial licence of a gig whose deliveries are
 * protected, sees a watermarked preview of the delivered image, accepts, downloads the original (with
 * its content credential) and anyone verifies it on /verify — seller and licence named, buyer never.
 * And search: "AI: none" keeps only gigs whose seller declares no AI use.
 */

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const USD = (amount: number) => ({ amount, currency: "USD" });

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function upload(page: Page, name: string, mimeType: string, bytes: Buffer) {
  const csrf = (await page.context().cookies()).find((c) => c.name === "atelier_csrf")?.value ?? "";
  const response = await page.request.post("/api/files", {
    multipart: { file: { name, mimeType, buffer: bytes } },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; url: string };
}

async function bytesOf(download: Promise<Download>): Promise<Buffer> {
  return readFile(await (await download).path());
}

/** Clicks the delivered file on the order page and returns the bytes the browser saved. */
async function downloadDelivered(buyer: Page, name: string): Promise<Buffer> {
  const download = buyer.waitForEvent("download", { timeout: 15_000 });
  await buyer
    .getByRole("list", { name: "Delivered files" })
    .getByRole("link", { name: new RegExp(`^${name}`) })
    .click();
  return bytesOf(download);
}

test.describe("creator credit", () => {
  test.describe.configure({ timeout: 150_000 });

  test("commercial licence → watermarked preview → accept → original → verified on /verify", async ({
    page: buyer,
    browser,
  }) => {
    const seller = await newPerson(browser);
    const sellerPerson = await signUp(seller, "e2e_cr_seller_", "Celia Credit");
    const gig = await createSellerWithGig(seller, {
      fields: {
        licences: [
          { kind: "personal", price: USD(0) },
          { kind: "commercial", price: USD(4000) },
        ],
        protectDeliveries: true,
      },
    });
    const buyerPerson = await signUp(buyer, "e2e_cr_buyer_", "Basil Buyer");

    // The gig page prices each licence all in; the buyer picks commercial and checks out with it.
    await buyer.goto(`/gigs/${gig.id}`);
    const order = buyer.getByRole("complementary", { name: "Order this gig" });
    const licences = order.getByRole("group", { name: "Licence" });
    const priceOf = async (kind: string) => {
      const label = licences.locator("label").filter({ hasText: new RegExp(`^\\s*${kind}`) });
      return /\$[\d,.]+/.exec((await label.textContent({ timeout: 10_000 })) ?? "")?.[0] ?? "";
    };
    const personalPrice = await priceOf("Personal");
    const commercialPrice = await priceOf("Commercial");
    // The basic package is 50.00 and the commercial licence adds 40.00, both before the service fee.
    expect(Number(personalPrice.replace(/[$,]/g, ""))).toBeGreaterThan(50);
    expect(Number(commercialPrice.replace(/[$,]/g, ""))).toBeGreaterThan(90);
    await expect(licences.getByRole("radio", { name: /^Personal/ })).toBeChecked();
    await expect(order.getByTestId("package-price")).toHaveText(personalPrice);
    await licences.getByRole("radio", { name: /^Commercial/ }).check();
    await expect(order.getByTestId("package-price")).toHaveText(commercialPrice);
    await expectNoSeriousA11yViolations(buyer);
    await order.getByRole("link", { name: `Continue (${commercialPrice})` }).click();
    await expect(buyer).toHaveURL(new RegExp(`/checkout/${gig.id}\\?.*licence=commercial`));
    await expect(buyer.getByRole("radio", { name: /^Commercial/ })).toBeChecked();
    await expect(buyer.getByTestId("licence-price-commercial")).toHaveText(commercialPrice);
    await buyer.getByRole("button", { name: `Pay ${commercialPrice}` }).click();
    await expect(buyer).toHaveURL(/\/orders\/ord_/);
    const orderId = buyer.url().split("/orders/")[1]?.split(/[?#]/)[0] ?? "";
    await expect(buyer.getByTestId("order-licence")).toContainText("Commercial");
    await submitRequirements(buyer, orderId);

    // The seller delivers an image (by API; the delivery form has its own test).
    const original = await sharp(randomBytes(64 * 48 * 3), { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer();
    const file = await upload(seller, "mural.png", "image/png", original);
    await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
      aiUse: "none",
      message: "The mural, full size.",
      fileIds: [file.id],
    });

    // Until the order completes, the buyer gets a watermarked preview.
    await buyer.goto(`/orders/${orderId}`);
    await expect(buyer.getByRole("heading", { name: "Celia Credit delivered your order" })).toBeVisible();
    const receipt = (await apiGet(buyer, `/api/files/${file.id}/receipt`)) as {
      sha256: string;
      licence: { kind: string; status: string };
    };
    expect(receipt.licence).toEqual({ kind: "commercial", status: "pending" });
    const preview = await downloadDelivered(buyer, "mural.png");
    expect(sha256(preview)).not.toBe(sha256(original));
    expect(sha256(preview)).not.toBe(receipt.sha256);

    // The buyer accepts; the licence is granted and the original (with its credential) downloads.
    await buyer.getByRole("button", { name: "Accept delivery" }).click();
    await buyer.getByRole("button", { name: "Yes, accept and pay the seller" }).click();
    await expect(buyer.getByTestId("order-licence")).toContainText("Granted");
    const delivered = await downloadDelivered(buyer, "mural.png");
    const granted = (await apiGet(buyer, `/api/files/${file.id}/receipt`)) as typeof receipt;
    expect(granted.licence).toEqual({ kind: "commercial", status: "granted" });
    expect(sha256(delivered)).toBe(granted.sha256);
    // The seller's picture, pixel for pixel: only the manifest was added.
    const [got, sent] = await Promise.all([
      sharp(delivered).raw().toBuffer(),
      sharp(original).raw().toBuffer(),
    ]);
    expect(sha256(got)).toBe(sha256(sent));

    // Anyone, signed out, verifies the file on /verify.
    const visitor = await newPerson(browser);
    await visitor.goto("/verify");
    await expect(visitor.getByRole("heading", { name: "Verify a file", level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await visitor.getByLabel("File to verify").setInputFiles({
      name: "mural.png",
      mimeType: "image/png",
      buffer: delivered,
    });
    const result = visitor.getByRole("status").filter({ hasText: "Verified by Atelier" });
    await expect(result).toBeVisible();
    await expect(result).toContainText("Celia Credit");
    await expect(result).toContainText(`@${sellerPerson.username}`);
    await expect(result).toContainText("Commercial use");
    await expect(result).toContainText("granted");
    for (const secret of [buyerPerson.displayName, buyerPerson.username, buyerPerson.email, orderId]) {
      await expect(visitor.getByText(secret)).toHaveCount(0);
    }
    await expectNoSeriousA11yViolations(visitor);

    // The preview is not the delivered file.
    await visitor
      .getByLabel("File to verify")
      .setInputFiles({ name: "mural.png", mimeType: "image/png", buffer: preview });
    await expect(visitor.getByRole("status").filter({ hasText: "Not verified" })).toBeVisible();
  });

  test("search: “AI: none” keeps only gigs made without AI, and the address says so @phone", async ({
    page,
    browser,
    isMobile,
  }) => {
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_ai_seller_", "Ada Hand");
    const human = await createSellerWithGig(seller);
    const { keyword } = human;
    const ai = await createSellerWithGig(seller, {
      keyword,
      title: `An AI-drawn ${keyword} logo for your shop`,
      fields: { aiUse: "generated", aiTools: ["Midjourney"] },
    });
    // Both are in the index before the page asks.
    await expect
      .poll(async () => ((await apiGet(page, `/api/search/gigs?q=${keyword}`)) as { total: number }).total)
      .toBe(2);

    await page.goto(`/search?q=${keyword}`);
    const results = page.getByRole("list", { name: "Services" });
    await expect(results.getByRole("link", { name: human.title })).toBeVisible();
    await expect(results.getByRole("link", { name: ai.title })).toBeVisible();

    if (isMobile) await page.getByRole("button", { name: /Filters/ }).click();
    const toggle = page
      .getByRole("complementary", { name: "Filters" })
      .getByRole("switch", { name: "AI: none" });
    await toggle.check();
    await expect(page).toHaveURL(/aiUse=none/);
    if (isMobile) await page.getByRole("button", { name: /^Show/ }).click();
    await expect(results.getByRole("link", { name: ai.title })).toHaveCount(0);
    await expect(results.getByRole("link", { name: human.title })).toBeVisible();
    await expect(page.getByRole("list", { name: "Active filters" })).toContainText("AI: none");
    await expectNoSeriousA11yViolations(page);

    // A shared address keeps the filter; switching it off brings the AI gig back.
    await page.reload();
    if (isMobile) await page.getByRole("button", { name: /Filters/ }).click();
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(page).not.toHaveURL(/aiUse=/);
    if (isMobile) await page.getByRole("button", { name: /^Show/ }).click();
    await expect(results.getByRole("link", { name: ai.title })).toBeVisible();
  });
});
