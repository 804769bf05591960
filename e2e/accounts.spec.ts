import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectNoSeriousA11yViolations, uniqueName } from "./helpers";

const PASSWORD = "a long enough password";
const port = Number(process.env.E2E_PORT ?? 3100);

/** Signs up through the API in the page's browser context (its cookies are the page's). */
async function signUp(request: APIRequestContext, base = "") {
  const username = uniqueName("acc_");
  const email = `${username}@example.test`;
  const res = await request.post(`${base}/api/auth/signup`, {
    data: { email, username, password: PASSWORD, displayName: "Account Person" },
  });
  expect(res.status()).toBe(201);
  return { email, username };
}

/** The server's clock (test mode moves it), for computing the authenticator's code. */
async function serverNow(request: APIRequestContext): Promise<Date> {
  const res = await request.post("/api/test/clock", { data: { advanceSeconds: 0 } });
  return new Date(((await res.json()) as { now: string }).now);
}

async function advance(request: APIRequestContext, seconds: number) {
  expect((await request.post("/api/test/clock", { data: { advanceSeconds: seconds } })).status()).toBe(200);
}

function totpAt(secret: string, at: Date): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: at.getTime() });
}

async function signInForm(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("accounts", () => {
  test("forgot password through the development mailbox @phone", async ({ page, browser }) => {
    const other = await browser.newContext();
    const { email } = await signUp(other.request, `http://127.0.0.1:${port}`);
    await other.close();

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByText(/If an account uses this address/)).toBeVisible();

    const mailbox = await page.request.get(`/api/test/mailbox?to=${encodeURIComponent(email)}`);
    const mails = ((await mailbox.json()) as { data: { subject: string; text: string }[] }).data;
    const reset = mails.find((m) => m.subject === "Choose a new password");
    expect(reset).toBeDefined();
    const link = /https?:\/\/[^\s]+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(reset!.text)![0];
    await page.goto(new URL(link).pathname + new URL(link).search);
    await expectNoSeriousA11yViolations(page);
    const fresh = "violet kettle mountain drum";
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel("Repeat the new password").fill(fresh);
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expect(page.getByText(/Your new password is set/)).toBeVisible();
    await page.getByRole("button", { name: "Sign in" }).click();
    await signInForm(page, email, PASSWORD);
    await expect(page.getByText(/wrong e-mail or password/i)).toBeVisible();
    await signInForm(page, email, fresh);
    await expect(page.getByRole("button", { name: /Account Person/ })).toBeVisible();
  });

  // The clock is moved through the cookie-less `request` fixture (the page's cookies would need CSRF).
  test("enrols two-factor with the QR page and signs in with a code", async ({ page, request }) => {
    const { email } = await signUp(page.request);
    await page.goto("/settings/security");
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await expect(page.getByText(/Please confirm your e-mail address/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Set up two-factor" }).click();
    await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("6-digit code").fill(totpAt(secret, await serverNow(request)));
    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    await expectNoSeriousA11yViolations(page);

    // A new browser: the password alone is not enough.
    await page.context().clearCookies();
    await page.goto("/login");
    await signInForm(page, email, PASSWORD);
    const code = page.getByLabel("Two-factor code");
    await expect(code).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await advance(request, 30); // the enrolment code's step is used up
    await code.fill(totpAt(secret, await serverNow(request)));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("button", { name: /Account Person/ })).toBeVisible();
    const me = (await (await page.request.get("/api/me")).json()) as { twoFactorEnabled: boolean };
    expect(me.twoFactorEnabled).toBe(true);
  });

  test("registers a passkey and signs in with it (virtual authenticator)", async ({ page }) => {
    // Passkeys need a host name (browsers refuse them on IP addresses): this test uses localhost.
    const base = `http://localhost:${port}`;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const { username } = await signUp(page.request, base);
    await page.goto(`${base}/settings/security`);
    await page.getByRole("button", { name: "Add a passkey" }).click();
    const passkeys = page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
    await expect(passkeys).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);

    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await expect(page.getByRole("button", { name: "Continue with a passkey" })).toBeVisible();
    await page.getByRole("button", { name: "Continue with a passkey" }).click();
    await expect(page.getByRole("button", { name: /Account Person/ })).toBeVisible();
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { username: string };
    expect(me.username).toBe(username);
  });
});
