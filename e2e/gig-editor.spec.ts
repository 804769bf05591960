import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";
import { apiGet, apiPut, signUp } from "./orders.fixtures";

/** A new seller, signed in in this page's browser context. */
async function newSeller(page: Page) {
  await signUp(page, "draftseller", "Draft Seller");
  await apiPut(page, "/api/me/seller-profile", {
    headline: "Hand-lettered signs for small shops",
    bio: "I letter shop signs and menus by hand, then digitise them for print.",
    skills: ["lettering"],
    languages: ["English"],
    country: "SE",
  });
}

interface MyGigs {
  data: { id: string; title: string; status: string }[];
}

test.describe("the gig editor keeps the seller's work @phone", () => {
  test("step 1 saves a draft that survives a reload and is on the seller's gigs list", async ({ page }) => {
    await newSeller(page);
    const title = `I will letter a hand-painted sign for your shop ${Date.now().toString(36).slice(-5)}`;

    await page.goto("/seller/gigs/new");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.getByLabel("Gig title").fill(title);
    await page.getByLabel("Category").selectOption({ label: "Illustration" });
    await page.getByLabel("Search tags").fill("Sign painting, lettering");
    await page.getByRole("button", { name: "Save and continue" }).click();

    // The draft exists: its id is in the address and the pricing step is open.
    await expect(page).toHaveURL(/\/seller\/gigs\/gig_[0-9a-z]+\/edit\?step=pricing/);
    const gigId = /gigs\/(gig_[0-9a-z]+)/.exec(page.url())?.[1] ?? "";
    await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();

    // A reload resumes the same draft with what was typed on step 1.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Gig editor steps" })
      .getByRole("button", { name: /Overview/ })
      .click();
    await expect(page.getByLabel("Gig title")).toHaveValue(title);
    await expect(page.getByLabel("Category")).toHaveValue("illustration");
    await expect(page.getByLabel("Search tags")).toHaveValue("sign painting, lettering");
    await expectNoSeriousA11yViolations(page);

    // The seller's gigs list shows it as a draft, without a price yet; the API agrees.
    await page.goto("/seller/gigs");
    const row = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await expect(row).toContainText("Draft");
    await expect(row).toContainText("Not priced yet");
    const mine = (await apiGet(page, "/api/me/gigs?status=draft")) as MyGigs;
    expect(mine.data.filter((gig) => gig.id === gigId)).toEqual([
      expect.objectContaining({ id: gigId, title, status: "draft" }),
    ]);

    // Publishing waits for pricing and a description.
    await page.goto(`/seller/gigs/${gigId}/edit?step=publish`);
    await expect(page.getByText("Before publishing, complete Pricing and Description & FAQ.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Publish gig" })).toBeDisabled();
  });

  test("leaving with unsaved changes asks first; staying keeps them, leaving drops them", async ({
    page,
  }) => {
    await newSeller(page);
    const title = `I will letter a chalkboard menu for your cafe ${Date.now().toString(36).slice(-5)}`;
    await page.goto("/seller/gigs/new");
    await page.getByLabel("Gig title").fill(title);
    await page.getByLabel("Category").selectOption({ label: "Illustration" });
    await page.getByLabel("Search tags").fill("chalkboard");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/step=pricing/);
    const gigId = /gigs\/(gig_[0-9a-z]+)/.exec(page.url())?.[1] ?? "";

    // Nothing unsaved yet: leaving does not ask.
    await page.getByRole("link", { name: "Back to my gigs" }).click();
    await expect(page).toHaveURL(/\/seller\/gigs$/);
    await page.goto(`/seller/gigs/${gigId}/edit?step=overview`);

    // An unsaved edit: a link out of the editor asks first.
    const changed = `${title} and sign`;
    await page.getByLabel("Gig title").fill(changed);
    await page.getByRole("link", { name: "Back to my gigs" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Your changes to Overview are not saved yet");
    await expectNoSeriousA11yViolations(page);

    // Stay: still in the editor, the edit still there.
    await dialog.getByRole("button", { name: "Stay and keep editing" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/seller/gigs/${gigId}/edit`));
    await expect(page.getByLabel("Gig title")).toHaveValue(changed);

    // Moving between steps is not leaving.
    await page
      .getByRole("navigation", { name: "Gig editor steps" })
      .getByRole("button", { name: /Pricing/ })
      .click();
    await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    // Reloading or closing the tab: the browser asks (beforeunload).
    const asked = new Promise<string>((resolve) => {
      page.once("dialog", (prompt) => {
        resolve(prompt.type());
        void prompt.dismiss();
      });
    });
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
  });

  test("leaving without saving drops the edit, and the saved draft is unchanged", async ({ page }) => {
    await newSeller(page);
    const title = `I will letter a wooden sign for your garden ${Date.now().toString(36).slice(-5)}`;
    await page.goto("/seller/gigs/new");
    await page.getByLabel("Gig title").fill(title);
    await page.getByLabel("Category").selectOption({ label: "Illustration" });
    await page.getByLabel("Search tags").fill("wood");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/step=pricing/);
    const gigId = /gigs\/(gig_[0-9a-z]+)/.exec(page.url())?.[1] ?? "";

    await page.getByLabel("Basic name").fill("Small sign");
    await page.getByRole("link", { name: "Back to my gigs" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Leave without saving" }).click();
    await expect(page).toHaveURL(/\/seller\/gigs$/);
    const gig = (await apiGet(page, `/api/gigs/${gigId}`)) as { title: string; packages: unknown[] };
    expect(gig.title).toBe(title);
    expect(gig.packages).toEqual([]);
  });
});
