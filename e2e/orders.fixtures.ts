import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request, type APIResponse, type Page } from "@playwright/test";
import { uniqueName } from "./helpers";

/**
 * Setup for the order and review tests through the API: people, a seller's gig, orders moved along
 * by the other party, and the test clock. Everything the test is about happens in the browser.
 */

export interface Person {
  username: string;
  displayName: string;
  email: string;
  password: string;
}

async function ok(response: APIResponse, what: string): Promise<unknown> {
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Cookie-authenticated unsafe requests need the CSRF cookie's value in `X-CSRF-Token`. */
async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "atelier_csrf")?.value;
  return csrf ? { "X-CSRF-Token": csrf } : {};
}

export async function apiPost(page: Page, path: string, data: unknown, headers: Record<string, string> = {}) {
  const response = await page.request.post(path, {
    data,
    headers: { ...(await csrfHeaders(page)), ...headers },
  });
  return ok(response, `POST ${path}`);
}

export async function apiPut(page: Page, path: string, data: unknown) {
  const response = await page.request.put(path, { data, headers: await csrfHeaders(page) });
  return ok(response, `PUT ${path}`);
}

export async function apiGet(page: Page, path: string) {
  return ok(await page.request.get(path), `GET ${path}`);
}

/** Signs a new person up in this page's browser context (the session cookie lands there). */
export async function signUp(page: Page, prefix: string, displayName: string): Promise<Person> {
  const username = uniqueName(prefix);
  const person = {
    username,
    displayName,
    email: `${username}@example.test`,
    password: "a long enough password",
  };
  await ok(
    await page.request.post("/api/auth/signup", {
      data: { email: person.email, password: person.password, username, displayName },
    }),
    "signup",
  );
  return person;
}

export interface TestGig {
  id: string;
  title: string;
  /** A word only this gig's title has, to find it by searching. */
  keyword: string;
  requirementQuestion: string;
}

/** What a test may change in the gig `createSellerWithGig` makes. */
export interface GigOptions {
  /** Reuse another gig's keyword, so that one search finds both. */
  keyword?: string;
  title?: string;
  /** More fields of `POST /api/gigs` (licences, aiUse, protectDeliveries…). */
  fields?: Record<string, unknown>;
}

/**
 * Makes the signed-in person a seller with one active gig: basic 50.00 (2 days, 1 revision),
 * standard 120.00, premium 250.00, one extra, one required text question.
 */
export async function createSellerWithGig(page: Page, options: GigOptions = {}): Promise<TestGig> {
  await apiPut(page, "/api/me/seller-profile", {
    headline: "Hand-lettered logos for small shops",
    bio: "I draw every logo by hand first, then vectorise it for print and screens.",
    skills: ["lettering", "logo design"],
    languages: ["English"],
    country: "SE",
  });
  const keyword =
    options.keyword ??
    `zq${randomUUID()
      .replace(/[^a-z]/g, "")
      .slice(0, 8)}`;
  const title = options.title ?? `I will letter a ${keyword} logo for your shop`;
  const requirementQuestion = "What is the name of your shop?";
  const gig = await apiPost(page, "/api/gigs", {
    title,
    categorySlug: "logo-design",
    description:
      "A hand-lettered logo for your shop, drawn on paper first and then vectorised. You get the source files, " +
      "a transparent PNG and a one-page guide to using your new mark on signs, cups and the web.",
    tags: ["lettering", "logo"],
    packages: [
      {
        tier: "basic",
        name: "Sketch",
        description: "One lettered wordmark, vector files.",
        price: { amount: 5000, currency: "USD" },
        deliveryDays: 2,
        revisions: 1,
        features: ["Vector source file"],
      },
      {
        tier: "standard",
        name: "Shopfront",
        description: "Wordmark and a badge version.",
        price: { amount: 12000, currency: "USD" },
        deliveryDays: 4,
        revisions: 2,
        features: ["Vector source file", "Badge version"],
      },
      {
        tier: "premium",
        name: "Full identity",
        description: "Wordmark, badge, colours and a usage guide.",
        price: { amount: 25000, currency: "USD" },
        deliveryDays: 7,
        revisions: 4,
        features: ["Vector source file", "Badge version", "Usage guide"],
      },
    ],
    extras: [{ title: "Express delivery", price: { amount: 1500, currency: "USD" }, additionalDays: 0 }],
    requirements: [{ question: requirementQuestion, kind: "text", required: true }],
    ...options.fields,
  });
  const id = String((gig as { id: string }).id);
  await apiPost(page, `/api/gigs/${id}/publish`, {});
  return { id, title, keyword, requirementQuestion };
}

/** Places an order by API with the sandbox card; returns its id. */
export async function placeOrder(page: Page, gigId: string, tier = "basic"): Promise<string> {
  const order = await apiPost(
    page,
    "/api/orders",
    { gigId, tier, extraIds: [], quantity: 1, payment: { method: "card", token: "tok_visa" } },
    { "Idempotency-Key": randomUUID() },
  );
  return String((order as { id: string }).id);
}

export async function submitRequirements(page: Page, orderId: string) {
  const order = (await apiGet(page, `/api/orders/${orderId}`)) as { requirements: { id: string }[] };
  await apiPost(page, `/api/orders/${orderId}/requirements`, {
    answers: order.requirements.map((r) => ({ requirementId: r.id, text: "Bakery Lindqvist" })),
  });
}

/** Test mode: grants `admin` to an existing user (a context without cookies needs no CSRF token). */
export async function grantAdmin(email: string) {
  const context = await request.newContext({ baseURL: serverUrl() });
  try {
    const response = await context.post("/api/test/admins", { data: { email } });
    expect(response.ok(), await response.text()).toBe(true);
  } finally {
    await context.dispose();
  }
}

export function serverUrl(): string {
  return `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
}

/**
 * Moves the server's test clock. Uses a context without cookies, which needs no CSRF token. The
 * clock is shared by every test on the server, so long jumps go in steps of at most `stepDays`,
 * touching each page's session in between: sessions end after 14 idle days.
 */
export async function advanceClock(seconds: number, keepAlive: Page[] = [], stepDays = 5) {
  const context = await request.newContext({ baseURL: serverUrl() });
  try {
    let left = seconds;
    while (left > 0) {
      const step = Math.min(left, stepDays * 86_400);
      const response = await context.post("/api/test/clock", { data: { advanceSeconds: step } });
      expect(response.ok(), await response.text()).toBe(true);
      left -= step;
      for (const page of keepAlive) expect((await page.request.get("/api/me")).ok()).toBe(true);
    }
  } finally {
    await context.dispose();
  }
}

export const DAY = 86_400;

/** One lock per run of the suite (the config gives each run its own data directory). */
const CLOCK_LOCK = path.join(
  tmpdir(),
  `atelier-e2e-clock-${path.basename(process.env.E2E_DATA_DIR ?? `port-${process.env.E2E_PORT ?? 3100}`)}.lock`,
);
const STALE_LOCK_MS = 180_000;

/**
 * The server's test clock is shared by every test. A test that moves it, or whose order must not be
 * moved on by someone else's jump (a delivery completing by itself, a review window closing), runs
 * under this lock, so these tests never overlap across workers and projects.
 */
export async function withClockLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(CLOCK_LOCK);
      break;
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
      // A lock left behind by a crashed run.
      try {
        if (Date.now() - statSync(CLOCK_LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(CLOCK_LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(CLOCK_LOCK, { recursive: true, force: true });
  }
}

/** A full-page screenshot from the top (a scrolled page would draw its sticky header mid-page). */
export async function screenshot(page: Page, file: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
}
