import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, request, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/**
 * Outcome checks: what a person actually gets (the bytes of a file, an e-mail, the money in a wallet,
 * an order as the server keeps it), read the way they would get it, not a link or a button on screen.
 * See docs/journeys.md.
 */

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Clicks a download link as the person would and returns the bytes the browser saved. */
export async function downloadByClick(page: Page, link: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const failure = await download.failure();
  expect(failure, `download of ${download.suggestedFilename()} failed`).toBeNull();
  return readFile(await download.path());
}

/** Downloads `link` in the browser and checks its SHA-256 against the bytes that were uploaded. */
export async function expectDownloadedBytes(page: Page, link: Locator, uploaded: Buffer) {
  const got = await downloadByClick(page, link);
  expect(sha256(got)).toBe(sha256(uploaded));
}

export interface Money {
  amount: number;
  currency: string;
}

export interface WalletBalances {
  available: Money;
  pendingClearance: Money;
  credits: Money;
  withdrawn: Money;
}

/** The signed-in person's wallet as the server keeps it (integer minor units). */
export async function walletOf(page: Page): Promise<WalletBalances> {
  const response = await page.request.get("/api/wallet");
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as WalletBalances;
}

/** Polls the wallet until `pick` of it equals `amount` (minor units): money moves in jobs too. */
export async function expectWalletAmount(
  page: Page,
  account: keyof WalletBalances,
  amount: number,
): Promise<void> {
  await expect.poll(async () => (await walletOf(page))[account].amount).toBe(amount);
}

export interface OrderSeen {
  id: string;
  status: string;
  isLate: boolean;
  price: { subtotal: Money; serviceFee: Money; total: Money; sellerEarnings?: Money };
  deliveries?: { message: string; files: { id: string; name: string; sha256?: string }[] }[];
  requirements: { question: string; answer: unknown }[];
}

/** An order as one of its parties sees it through the API. */
export async function orderAs(page: Page, orderId: string): Promise<OrderSeen> {
  const response = await page.request.get(`/api/orders/${orderId}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as OrderSeen;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
}

function serverUrl(): string {
  return `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
}

/** The e-mails the server wrote to `to`, newest first: test mode's mailbox (`GET /api/test/mailbox`). */
export async function mailboxOf(to: string): Promise<Email[]> {
  const context = await request.newContext({ baseURL: serverUrl() });
  try {
    const response = await context.get(`/api/test/mailbox?to=${encodeURIComponent(to)}`);
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { data: Email[] }).data;
  } finally {
    await context.dispose();
  }
}

/** Waits for an e-mail to `to` whose subject contains `subject`, and returns it. */
export async function expectEmail(to: string, subject: string | RegExp): Promise<Email> {
  let found: Email | undefined;
  await expect
    .poll(
      async () => {
        const emails = await mailboxOf(to);
        found = emails.find((e) =>
          typeof subject === "string" ? e.subject.includes(subject) : subject.test(e.subject),
        );
        return found ? found.subject : emails.map((e) => e.subject);
      },
      { message: `an e-mail to ${to} about ${String(subject)}` },
    )
    .toEqual(expect.stringMatching(typeof subject === "string" ? escapeRegExp(subject) : subject));
  if (!found) throw new Error("unreachable");
  return found;
}

function escapeRegExp(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

export interface NotificationSeen {
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
}

/**
 * Waits for the signed-in person (a page, or an API context holding their session) to have a
 * notification whose title contains `title`.
 */
export async function expectNotification(
  who: Page | APIRequestContext,
  title: string,
): Promise<NotificationSeen> {
  const api = "request" in who ? who.request : who;
  let found: NotificationSeen | undefined;
  await expect
    .poll(
      async () => {
        const response = await api.get("/api/notifications?limit=50");
        expect(response.ok(), await response.text()).toBe(true);
        const list = ((await response.json()) as { data: NotificationSeen[] }).data;
        found = list.find((n) => n.title.includes(title));
        return found ? found.title : list.map((n) => n.title);
      },
      { message: `a notification "${title}"` },
    )
    .toEqual(expect.stringMatching(escapeRegExp(title)));
  if (!found) throw new Error("unreachable");
  return found;
}
