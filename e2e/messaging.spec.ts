import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, signUp } from "./orders.fixtures";
import { expectDownloadedBytes, expectEmail, expectNotification } from "./outcomes";

const SKETCHES = Buffer.from("Three first sketches of a wheat-sheaf logo.\n");

// The server's Content-Security-Policy (script-src 'self') would block injecting axe-core.
test.use({ bypassCSP: true });

const SELLER = { username: "maya_lindqvist", name: "Maya Lindqvist", email: "maya_lindqvist@example.com" };
const DEMO_PASSWORD = "atelier-demo-2026";

/** A person in their own browser context (their own cookies), with the project's options. */
async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function signInThroughUi(page: Page, email: string, password: string, displayName: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: new RegExp(displayName) })).toBeVisible();
}

function unreadIn(label: string | null): number {
  const match = /(\d+) unread/.exec(label ?? "");
  return match ? Number(match[1]) : 0;
}

async function unreadNotifications(page: Page): Promise<number> {
  const page1 = (await apiGet(page, "/api/notifications?limit=1")) as { unreadCount: number };
  return page1.unreadCount;
}

function thread(page: Page): Locator {
  return page.getByRole("log", { name: /^Messages with/ });
}

async function send(page: Page, text: string) {
  await page.getByLabel(/^Message to/).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByLabel(/^Message to/)).toHaveValue("");
}

test.describe("messaging", () => {
  test("a buyer and a seller chat live; contact details are flagged; the bell counts", async ({
    browser,
  }) => {
    const buyer = await newPerson(browser);
    const seller = await newPerson(browser);
    const buyerPerson = await signUp(buyer, "e2e_chat_", "Cora Client");

    // The seller signs in through the UI and waits on the inbox (the socket opens with the page).
    await signInThroughUi(seller, SELLER.email, DEMO_PASSWORD, SELLER.name);
    await seller.goto("/inbox");
    await expect(seller.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    const bell = seller.getByRole("button", { name: /^Notifications/ });
    const unreadBefore = await unreadNotifications(seller);
    await expect.poll(async () => unreadIn(await bell.getAttribute("aria-label"))).toBe(unreadBefore);

    // The buyer opens the seller's profile and contacts them.
    await buyer.goto(`/users/${SELLER.username}`);
    await buyer.getByRole("link", { name: "Contact seller" }).click();
    await expect(buyer).toHaveURL(/\/inbox\/[^/?]+$/);
    await expect(buyer.getByRole("heading", { level: 2, name: SELLER.name })).toBeVisible();
    const hello = `Hi Maya, could you draw a logo for my bakery? <b>${buyerPerson.username}</b>`;
    await send(buyer, hello);
    // Text stays text: the markup is shown as typed, never interpreted.
    await expect(thread(buyer).getByText(hello)).toBeVisible();

    // Without reloading, the seller's inbox lists the conversation as unread, and the bell goes up.
    const conversation = seller
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /Cora Client/ });
    await expect(conversation).toContainText("1 unread");
    await expect
      .poll(async () => unreadIn(await bell.getAttribute("aria-label")))
      .toBeGreaterThan(unreadBefore);
    await expect(seller.getByRole("link", { name: /^Inbox, \d+ unread$/ })).toBeVisible();
    await expectNoSeriousA11yViolations(seller);

    // The bell's panel lists the new message, and an e-mail tells the seller who wrote.
    await bell.click();
    await expect(seller.getByRole("region", { name: "Notifications" })).toContainText(buyerPerson.username);
    await seller.keyboard.press("Escape");
    await expectEmail(SELLER.email, `New message from ${buyerPerson.username}`);

    // The seller opens it (which reads it) and replies, with a file; the buyer sees both live.
    await conversation.click();
    await expect(thread(seller).getByText(hello)).toBeVisible();
    await expect(conversation).not.toContainText("unread");
    await seller.getByLabel("Attach files").setInputFiles({
      name: "sketches.txt",
      mimeType: "text/plain",
      buffer: SKETCHES,
    });
    await expect(seller.getByRole("list", { name: "Files to send" })).toContainText("sketches.txt");
    await send(seller, "Happy to! Here are a few first ideas.");
    await expect(thread(buyer).getByText("Happy to! Here are a few first ideas.")).toBeVisible();
    // The buyer downloads the attachment in the browser: the very bytes the seller attached.
    const attachment = thread(buyer).getByRole("link", { name: /sketches\.txt/ });
    await expectDownloadedBytes(buyer, attachment, SKETCHES);
    await expectNotification(buyer, `New message from ${SELLER.username}`);

    // Contact details are flagged, with a warning on both sides.
    await send(buyer, "Great! mail me at bob at gmail dot com");
    const warning = "Keep payments and contact on Atelier";
    await expect(thread(buyer).getByRole("note")).toContainText(warning);
    await expect(thread(seller).getByText("mail me at bob at gmail dot com")).toBeVisible();
    await expect(thread(seller).getByRole("note")).toContainText(warning);

    await expectNoSeriousA11yViolations(buyer);
    await buyer.context().close();
    await seller.context().close();
  });

  test("only sellers can be contacted; signed-out visitors sign in first", async ({ page, browser }) => {
    await page.goto(`/inbox?to=${SELLER.username}`);
    await expect(page).toHaveURL(/\/login\?redirect=/);
    await signUp(page, "e2e_nochat_", "Nina Nobody");
    // A member who doesn't sell has no "Contact seller" button, and the inbox refuses to start one.
    const otherPage = await newPerson(browser);
    const other = await signUp(otherPage, "e2e_plain_", "Paul Plain");
    await otherPage.context().close();
    await page.goto(`/users/${other.username}`);
    await expect(page.getByRole("heading", { level: 1, name: "Paul Plain" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Contact seller" })).toHaveCount(0);
    await page.goto(`/inbox?to=${other.username}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("can’t start a conversation");
  });
});
