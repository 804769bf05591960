import { createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { createSellerWithGig, signUp } from "./orders.fixtures";

// The server's Content-Security-Policy (script-src 'self') would block injecting axe-core.
test.use({ bypassCSP: true });

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test.describe("brief files and offer licences", () => {
  test("a brief's file reaches the matched seller only; the seller's licence is the order's", async ({
    browser,
  }) => {
    const seller = await newPerson(browser);
    const buyer = await newPerson(browser);
    const stranger = await newPerson(browser);
    await signUp(seller, "e2e_bfile_s_", "Sia Seller");
    const gig = await createSellerWithGig(seller);
    await signUp(buyer, "e2e_bfile_b_", "Bo Buyer");
    await signUp(stranger, "e2e_bfile_x_", "Xan Stranger");

    // The buyer attaches a sketch to the brief.
    const sketch = Buffer.from(`Shop sign sketch for ${gig.keyword}: round badge, serif letters.\n`, "utf8");
    await buyer.goto("/briefs/new");
    await buyer.getByLabel("Title").fill(`A ${gig.keyword} logo with my sketch`);
    await buyer.getByLabel("What do you need?").fill(`I need a ${gig.keyword} logo lettered from my sketch.`);
    await buyer
      .getByLabel("Files (optional)")
      .setInputFiles({ name: "sketch.txt", mimeType: "text/plain", buffer: sketch });
    await expect(buyer.getByRole("list", { name: "Chosen files" })).toContainText("sketch.txt");
    await expectNoSeriousA11yViolations(buyer);
    await buyer.getByRole("button", { name: "Post brief" }).click();
    await expect(buyer).toHaveURL(/\/briefs\/brf_/);
    await expect(
      buyer.getByRole("region", { name: "Files" }).getByRole("link", { name: /sketch\.txt/ }),
    ).toBeVisible();

    // The matched seller sees it in the inbox and downloads the same bytes from the brief's page.
    await seller.goto("/seller/briefs");
    const entry = seller.getByRole("listitem").filter({ hasText: `A ${gig.keyword} logo with my sketch` });
    await expect(entry).toContainText("1 file");
    await entry.getByRole("link").click();
    const link = seller.getByRole("region", { name: "Files" }).getByRole("link", { name: /sketch\.txt/ });
    await expect(link).toBeVisible();
    await expectNoSeriousA11yViolations(seller);
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/api\/files\//);
    const got = await seller.request.get(href!);
    expect(got.status()).toBe(200);
    expect(sha256(await got.body())).toBe(sha256(sketch));
    // Someone the brief was not sent to gets nothing.
    expect((await stranger.request.get(href!)).status()).toBe(404);

    // The seller offers a commercial licence; the buyer sees it on the card and the order carries it.
    await seller.getByLabel("Offer title").fill("Badge logo from your sketch");
    await seller
      .getByLabel("What you will deliver")
      .fill("The badge lettered from your sketch, vector files.");
    await seller.getByLabel("Price (USD)").fill("120");
    await seller.getByLabel("Licence").selectOption("commercial");
    await seller.getByRole("button", { name: "Send offer" }).click();
    await expect(seller).toHaveURL(/\/inbox\/cnv_/);
    const sent = seller.getByRole("article", { name: "Custom offer: Badge logo from your sketch" });
    await expect(sent).toContainText("Commercial");

    await buyer.reload();
    const card = buyer.getByRole("article", { name: "Custom offer: Badge logo from your sketch" });
    await expect(card).toContainText("Commercial");
    await card.getByRole("button", { name: /Accept and pay/ }).click();
    await expect(buyer).toHaveURL(/\/orders\/ord_/);
    await expect(buyer.getByRole("region", { name: "Summary" })).toContainText("Commercial");
  });
});
