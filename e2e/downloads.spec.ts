import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Download, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, apiPost, createSellerWithGig, placeOrder, signUp } from "./orders.fixtures";

/**
 * The files of an order reach the other party: the buyer downloads the seller's delivery and the
 * seller the buyer's requirement attachment, from the order page, byte for byte (SHA-256).
 */

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Uploads `bytes` as the page's signed-in person; returns the file's id and URL. */
async function upload(page: Page, name: string, mimeType: string, bytes: Buffer) {
  const csrf = (await page.context().cookies()).find((c) => c.name === "atelier_csrf")?.value ?? "";
  const response = await page.request.post("/api/files", {
    multipart: { file: { name, mimeType, buffer: bytes } },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; url: string; sha256: string };
}

/** The bytes of a download the browser finished. */
async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

test.describe("downloads", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the buyer downloads the delivered work and the seller the buyer's brief, byte for byte", async ({
    page: buyer,
    browser,
  }) => {
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_dl_seller_", "Dana Seller");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_dl_buyer_", "Bo Buyer");

    // Setup by API: the buyer orders and answers the requirements with a PDF brief.
    const orderId = await placeOrder(buyer, gig.id);
    const briefBytes = Buffer.concat([
      Buffer.from("%PDF-1.4\n"),
      randomBytes(8 * 1024),
      Buffer.from("\n%%EOF\n"),
    ]);
    const brief = await upload(buyer, "shop-brief.pdf", "application/pdf", briefBytes);
    const order = (await apiGet(buyer, `/api/orders/${orderId}`)) as { requirements: { id: string }[] };
    await apiPost(buyer, `/api/orders/${orderId}/requirements`, {
      answers: order.requirements.map((r) => ({
        requirementId: r.id,
        text: "Bakery Lindqvist",
        fileIds: [brief.id],
      })),
    });

    // The seller opens the order, downloads the brief, and delivers a file from the browser.
    await seller.goto(`/orders/${orderId}`);
    const briefDownload = seller.waitForEvent("download", { timeout: 15_000 });
    await seller.getByRole("link", { name: "Attachment 1" }).click();
    expect(sha256(await bytesOf(await briefDownload))).toBe(sha256(briefBytes));

    // Random bytes behind a ZIP signature: any change on the way would change the digest.
    const workBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200 * 1024)]);
    await seller.getByLabel("Delivery message").fill("Your wordmark, every file in one archive.");
    await seller.getByLabel("Files", { exact: true }).setInputFiles({
      name: "wordmark.zip",
      mimeType: "application/zip",
      buffer: workBytes,
    });
    await expect(seller.getByRole("list", { name: "Chosen files" })).toContainText("wordmark.zip");
    await seller.getByRole("button", { name: "Deliver now" }).click();
    await expect(
      seller.getByRole("heading", { name: /Waiting for .* to review the delivery/ }),
    ).toBeVisible();

    // The buyer clicks the delivered file on the order page and gets exactly those bytes.
    await buyer.goto(`/orders/${orderId}`);
    await expect(buyer.getByRole("heading", { name: "Dana Seller delivered your order" })).toBeVisible();
    await expectNoSeriousA11yViolations(buyer);
    const delivered = buyer.getByRole("list", { name: "Delivered files" });
    const workDownload = buyer.waitForEvent("download", { timeout: 15_000 });
    await delivered.getByRole("link", { name: /^wordmark\.zip/ }).click();
    const download = await workDownload;
    expect(download.suggestedFilename()).toBe("wordmark.zip");
    expect(sha256(await bytesOf(download))).toBe(sha256(workBytes));

    // Someone outside the order gets nothing, for either file.
    const stranger = await newPerson(browser);
    await signUp(stranger, "e2e_dl_stranger_", "Sam Stranger");
    const href = await delivered.getByRole("link", { name: /^wordmark\.zip/ }).getAttribute("href");
    for (const url of [href ?? "", brief.url]) {
      expect((await stranger.request.get(url)).status()).toBe(404);
      expect((await stranger.request.get(`${url}/meta`)).status()).toBe(404);
    }
  });
});
