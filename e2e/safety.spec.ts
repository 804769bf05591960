import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { createSellerWithGig, grantAdmin, signUp, type Person } from "./orders.fixtures";

/**
 * Trust and safety end to end (issue 14): a buyer reports a seller, an admin suspends the seller
 * citing a rule, the seller is told why at sign-in and appeals, and a second admin lifts the
 * suspension. Setup (people, the gig, admin grants) goes through the API; the rest in the browser.
 */

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function signIn(page: Page, who: Person) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("trust and safety", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a report leads to a suspension citing a rule, an appeal, and its lifting by another admin", async ({
    browser,
  }) => {
    const sellerPage = await newPage(browser);
    const seller = await signUp(sellerPage, "e2e_tsseller_", "Sid Seller");
    await createSellerWithGig(sellerPage);
    await sellerPage.context().close();

    // The buyer reports the seller's profile through the Report dialog.
    const buyer = await newPage(browser);
    await signUp(buyer, "e2e_tsbuyer_", "Bea Buyer");
    await buyer.goto(`/users/${seller.username}`);
    await buyer.getByRole("button", { name: "Report this profile" }).click();
    const dialog = buyer.getByRole("dialog", { name: "Report this profile" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Reason").selectOption("scam");
    const details = "Asked me to pay a deposit by bank transfer before ordering.";
    await dialog.getByLabel("Details (optional)").fill(details);
    await dialog.getByRole("button", { name: "Send report" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Thank you. An admin will look at your report.");

    // The first admin suspends the seller from the report queue, citing a rule.
    const admin = await newPage(browser);
    const first = await signUp(admin, "e2e_tsadmin_", "Ada Admin");
    await grantAdmin(first.email);
    await admin.goto("/admin/reports");
    await expect(admin.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
    const report = admin.getByRole("listitem", { name: `Report on @${seller.username}` });
    await expect(report).toContainText(details);
    await expect(report).toContainText(`user of @${seller.username} · scam`);
    await expectNoSeriousA11yViolations(admin);
    const rule = "Rule 3.1: payments stay on Atelier";
    const reason = "Asked a buyer to pay outside the platform.";
    await report.getByLabel("Action").selectOption("suspend");
    await report.getByLabel("Rule applied").fill(rule);
    await report.getByLabel("Note").fill(reason);
    await report.getByRole("button", { name: "Resolve" }).click();
    await expect(report).toHaveCount(0);

    // The seller signs in: told the rule and the reason, not "wrong e-mail or password".
    const suspended = await newPage(browser);
    await signIn(suspended, seller);
    const alert = suspended.getByRole("alert");
    await expect(alert).toContainText(`This account is suspended under the rule "${rule}": ${reason}`);
    await expect(suspended.getByText(/wrong e-mail or password/i)).toHaveCount(0);
    await suspended.getByRole("link", { name: "Appeal the suspension" }).click();
    await expect(suspended).toHaveURL(/\/appeal$/);
    await expect(suspended.getByRole("heading", { level: 1, name: "Appeal a suspension" })).toBeVisible();
    await expectNoSeriousA11yViolations(suspended);
    await suspended.getByLabel("E-mail").fill(seller.email);
    await suspended.getByLabel("Password").fill(seller.password);
    const appealText = "I only shared my portfolio link; I never asked for payment off Atelier.";
    await suspended.getByLabel("Your appeal").fill(appealText);
    await suspended.getByRole("button", { name: "Send appeal" }).click();
    await expect(suspended.getByRole("status")).toContainText("Your appeal is recorded");

    // A second admin (not the one who suspended) lifts the suspension.
    const second = await newPage(browser);
    const other = await signUp(second, "e2e_tsadmin2_", "Ola Other");
    await grantAdmin(other.email);
    await second.goto("/admin/appeals");
    await expect(second.getByRole("heading", { level: 1, name: "Appeals" })).toBeVisible();
    const appeal = second.getByRole("listitem", { name: `Appeal of @${seller.username}` });
    await expect(appeal).toContainText(appealText);
    await expect(appeal).toContainText(`Suspended by @${first.username}`);
    await expect(appeal).toContainText(rule);
    await expectNoSeriousA11yViolations(second);
    await appeal.getByLabel("Decision note").fill("The messages show no request for payment.");
    await appeal.getByRole("button", { name: "Lift the suspension" }).click();
    await expect(appeal).toHaveCount(0);

    // The audit log shows both admins' actions; the settings page is clean too.
    await second.goto("/admin/audit-log");
    const log = second.getByRole("table", { name: "Admin actions, newest first" });
    await expect(log.getByRole("row").filter({ hasText: "appeal.lift" }).first()).toContainText(
      `@${other.username}`,
    );
    await expect(log.getByRole("row").filter({ hasText: "report.suspend" }).first()).toContainText(rule);
    await expectNoSeriousA11yViolations(second);
    await second.goto("/admin/settings");
    await expect(second.getByRole("heading", { level: 1, name: "Marketplace settings" })).toBeVisible();
    await expectNoSeriousA11yViolations(second);

    // The seller signs in again.
    const back = await newPage(browser);
    await signIn(back, seller);
    await expect(back.getByRole("button", { name: /Sid Seller/ })).toBeVisible();
    const me = (await (await back.request.get("/api/me")).json()) as { username: string };
    expect(me.username).toBe(seller.username);

    for (const page of [buyer, admin, suspended, second, back]) await page.context().close();
  });
});
