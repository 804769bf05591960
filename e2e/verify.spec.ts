import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiPost, createSellerWithGig, placeOrder, signUp, submitRequirements } from "./orders.fixtures";

/**
 * Public verification: a seller delivers a PNG, the buyer downloads it (with its C2PA manifest), and
 * anyone — signed out — drops it on /verify and sees who made it and under which licence.
 */

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

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
  return (await response.json()) as { id: string; url: string; sha256: string };
}

test.describe("verify", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a delivered file is verified on /verify: author and licence, never the buyer; a stranger's hash is not", async ({
    page: visitor,
    browser,
  }) => {
    // Setup by API: an order delivered with a PNG.
    const seller = await newPerson(browser);
    await signUp(seller, "e2e_cc_seller_", "Vera Maker");
    const gig = await createSellerWithGig(seller);
    const buyer = await newPerson(browser);
    const buyerPerson = await signUp(buyer, "e2e_cc_buyer_", "Bruno Buyer");
    const orderId = await placeOrder(buyer, gig.id);
    await submitRequirements(buyer, orderId);
    const png = await sharp(randomBytes(48 * 32 * 3), { raw: { width: 48, height: 32, channels: 3 } })
      .png()
      .toBuffer();
    const file = await upload(seller, "poster.png", "image/png", png);
    await apiPost(seller, `/api/orders/${orderId}/deliveries`, {
      aiUse: "none",
      message: "Your poster",
      fileIds: [file.id],
    });

    // The buyer's download carries the credential: different bytes from the upload.
    const download = await buyer.request.get(file.url);
    expect(download.status()).toBe(200);
    const delivered = Buffer.from(await download.body());
    expect(sha256(delivered)).not.toBe(sha256(png));

    // A visitor, signed out, drops the file on the page.
    await visitor.goto("/verify");
    await expect(visitor.getByRole("heading", { name: "Verify a file", level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await visitor.getByLabel("File to verify").setInputFiles({
      name: "poster.png",
      mimeType: "image/png",
      buffer: delivered,
    });
    const result = visitor.getByRole("status").filter({ hasText: "Verified by Atelier" });
    await expect(result).toBeVisible();
    await expect(result).toContainText("Vera Maker");
    await expect(result).toContainText("Personal use");
    await expect(result).toContainText("Yes");
    await expect(result).toContainText(sha256(delivered));
    await expect(visitor.getByText(buyerPerson.displayName)).toHaveCount(0);
    await expect(visitor.getByText(buyerPerson.username)).toHaveCount(0);
    await expectNoSeriousA11yViolations(visitor);

    // The original upload (without the manifest) is not what was delivered.
    await visitor
      .getByLabel("File to verify")
      .setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: png });
    await expect(visitor.getByRole("status").filter({ hasText: "Not verified" })).toBeVisible();

    // Pasting a hash: malformed is explained, an unknown one is not verified, the delivered one is.
    const hash = visitor.getByLabel("Or paste a SHA-256 hash");
    await hash.fill("not a hash");
    await visitor.getByRole("button", { name: "Check hash" }).click();
    await expect(visitor.getByRole("alert")).toContainText("64 characters");
    await hash.fill(sha256(Buffer.from("something else")));
    await visitor.getByRole("button", { name: "Check hash" }).click();
    await expect(visitor.getByRole("status").filter({ hasText: "Not verified" })).toBeVisible();
    await hash.fill(sha256(delivered).toUpperCase());
    await visitor.getByRole("button", { name: "Check hash" }).click();
    await expect(visitor.getByRole("status").filter({ hasText: "Verified by Atelier" })).toContainText(
      "Vera Maker",
    );
    await expectNoSeriousA11yViolations(visitor);
  });
});
