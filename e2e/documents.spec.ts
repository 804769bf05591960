import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Download, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { expectNoSeriousA11yViolations } from "./helpers";
import {
  apiGet,
  apiPost,
  createSellerWithGig,
  placeOrder,
  signUp,
  submitRequirements,
} from "./orders.fixtures";

/**
 * The order documents from the order page: the buyer downloads the numbered invoice and the evidence
 * pack, the seller the evidence pack; each download is a PDF whose text (read back with PDF.js via
 * unpdf) holds the invoice number, the order's amounts, and the delivered file's hash.
 */

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function pdfTextOf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/** Clicks `button` and returns the downloaded file's bytes and name. */
async function downloadBy(page: Page, name: string): Promise<{ bytes: Buffer; fileName: string }> {
  const download: Promise<Download> = page.waitForEvent("download", { timeout: 15_000 });
  await page.getByRole("button", { name }).click();
  const done = await download;
  return { bytes: await readFile(await done.path()), fileName: done.suggestedFilename() };
}

test.describe("order documents", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the buyer downloads the invoice and the evidence pack, the seller the evidence pack", async ({
    page: buyer,
    browser,
  }) => {
    // Setup by API: a 50.00 order, delivered with one file and accepted.
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_doc_seller_", "Dana Documents");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_doc_buyer_", "Bo Invoiced");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);
    const csrf = (await seller.context().cookies()).find((c) => c.name === "atelier_csrf")?.value ?? "";
    const uploaded = await seller.request.post("/api/files", {
      multipart: {
        file: { name: "wordmark.txt", mimeType: "text/plain", buffer: Buffer.from("wordmark\n") },
      },
      headers: { "X-CSRF-Token": csrf },
    });
    const file = (await uploaded.json()) as { id: string };
    await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
      message: "Your wordmark.",
      fileIds: [file.id],
      aiUse: "none",
    });
    await apiPost(buyer, `/api/orders/${orderId}/accept`, {});
    const order = (await apiGet(buyer, `/api/orders/${orderId}`)) as {
      price: { subtotal: { amount: number }; serviceFee: { amount: number }; total: { amount: number } };
    };
    expect([order.price.subtotal.amount, order.price.serviceFee.amount, order.price.total.amount]).toEqual([
      5000, 575, 5575,
    ]);
    const receipt = (await apiGet(buyer, `/api/files/${file.id}/receipt`)) as { sha256: string };

    await buyer.goto(`/orders/${orderId}`);
    const documents = buyer.getByRole("region", { name: "Documents" });
    await expect(documents.getByRole("button", { name: "Download invoice" })).toBeVisible();
    await expectNoSeriousA11yViolations(buyer);

    const invoice = await downloadBy(buyer, "Download invoice");
    expect(invoice.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const invoiceText = await pdfTextOf(invoice.bytes);
    const number = /INV-\d{6}/.exec(invoiceText)?.[0] ?? "";
    expect(number).not.toBe("");
    expect(invoice.fileName).toBe(`atelier-invoice-${number}.pdf`);
    for (const expected of ["Dana Documents", "Bo Invoiced", gig.title, "$50.00", "$5.75", "$55.75"]) {
      expect(invoiceText).toContain(expected);
    }
    // The same number on the next download.
    const again = await buyer.request.get(`/api/orders/${orderId}/invoice`);
    expect(await pdfTextOf(await again.body())).toContain(`Invoice ${number}`);

    const pack = await downloadBy(buyer, "Download evidence pack");
    const packText = await pdfTextOf(pack.bytes);
    for (const expected of [orderId, receipt.sha256, "wordmark.txt", "Accepted by the buyer"]) {
      expect(packText).toContain(expected);
    }

    // A failure is said on the page, and the button works again.
    await buyer.route("**/api/orders/*/invoice", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Unavailable",
          status: 503,
          code: "service_unavailable",
        }),
      }),
    );
    await documents.getByRole("button", { name: "Download invoice" }).click();
    await expect(documents.getByRole("alert")).toContainText("Something went wrong on our side");
    await buyer.unroute("**/api/orders/*/invoice");
    await expect(documents.getByRole("button", { name: "Download invoice" })).toBeEnabled();

    // The seller has the evidence pack, not the buyer's invoice.
    await seller.goto(`/orders/${orderId}`);
    const sellerDocuments = seller.getByRole("region", { name: "Documents" });
    await expect(sellerDocuments.getByRole("button", { name: "Download evidence pack" })).toBeVisible();
    await expect(sellerDocuments.getByRole("button", { name: "Download invoice" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(seller);
    const sellerPack = await downloadBy(seller, "Download evidence pack");
    expect(await pdfTextOf(sellerPack.bytes)).toContain(receipt.sha256);
    expect((await seller.request.get(`/api/orders/${orderId}/invoice`)).status()).toBe(404);
  });
});
