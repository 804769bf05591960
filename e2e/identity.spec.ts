import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, uniqueName } from "./helpers";

test.describe("identity", () => {
  test("a visitor signs up, signs out, signs in and becomes a seller @phone", async ({ page, browser }) => {
    const username = uniqueName("e2e_");
    const email = `${username}@example.test`;
    const password = "a long enough password";

    await page.goto("/");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: /join/i }).first().click();
    await expect(page).toHaveURL(/\/signup/);
    await expectNoSeriousA11yViolations(page);

    // The form refuses a short password and says why.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("Playwright Person");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/at least 10 characters/i).first()).toBeVisible();

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("button", { name: /Playwright Person/ })).toBeVisible();
    // The account exists and the browser holds a working session for it.
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({
      username,
      email,
      displayName: "Playwright Person",
      isSeller: false,
    });

    // Sign out through the user menu: the session is over on the server too.
    await page.getByRole("button", { name: /Playwright Person/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: /sign in/i }).first()).toBeVisible();
    expect((await page.request.get("/api/me")).status()).toBe(401);

    // A private page sends a signed-out visitor to sign in, and back there afterwards.
    await page.goto("/wallet");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fwallet/);

    // A wrong password is refused with a message, the right one signs in.
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/wrong e-mail or password/i)).toBeVisible();
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: /Playwright Person/ })).toBeVisible();
    await expect(page).toHaveURL(/\/wallet$/);
    await expect(page.getByRole("heading", { level: 1, name: "Wallet" })).toBeVisible();
    expect(((await (await page.request.get("/api/me")).json()) as { username: string }).username).toBe(
      username,
    );

    // Become a seller.
    await page.goto("/become-a-seller");
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("Headline").fill("Hand-lettered logos for small shops");
    await page
      .getByLabel("Bio")
      .fill("I draw every logo by hand first, then vectorise it for print and screens.");
    await page.getByLabel("Skills").fill("lettering, logo design");
    await page.getByLabel("Languages").fill("English, German");
    // Typed by name: "Germany" is saved as DE (once it was taken for Georgia, GE).
    await page.getByLabel("Country").fill("Germany");
    await page.getByRole("button", { name: "Save seller profile" }).click();
    await expect(page).toHaveURL(new RegExp(`/users/${username}`));
    await expect(page.getByText("Hand-lettered logos for small shops")).toBeVisible();
    await expect(page.getByText(/new seller/i).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Anyone, signed out in a browser of their own, finds the new seller's public profile.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/users/${username}`);
    await expect(visitor.getByRole("heading", { level: 1, name: "Playwright Person" })).toBeVisible();
    await expect(visitor.getByText("Hand-lettered logos for small shops")).toBeVisible();
    await expect(visitor.getByRole("link", { name: "Contact seller" })).toBeVisible();
    const profile = await visitor.request.get(`/api/users/${username}`);
    expect(profile.status()).toBe(200);
    expect(await profile.json()).toMatchObject({
      username,
      isSeller: true,
      headline: "Hand-lettered logos for small shops",
      country: "DE",
    });
    await visitorContext.close();
  });

  test("unknown pages show a friendly 404", async ({ page }) => {
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { name: /not found|can.t find/i })).toBeVisible();
  });
});
