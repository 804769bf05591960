import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

const PAGES = [
  { link: "Terms of Service", path: "/terms", heading: "Terms of Service", text: "Paying and getting paid" },
  { link: "Privacy Policy", path: "/privacy", heading: "Privacy Policy", text: "What we store" },
  { link: "Help", path: "/help", heading: "Help", text: "When something goes wrong" },
];

test.describe("Terms, Privacy and Help @phone", () => {
  for (const page of PAGES) {
    test(`a visitor opens ${page.link} from the footer and reads it`, async ({ page: browser }) => {
      await browser.goto("/");
      const footer = browser.getByRole("contentinfo");
      await footer.getByRole("link", { name: page.link, exact: true }).click();
      await expect(browser).toHaveURL(page.path);
      await expect(browser.getByRole("heading", { level: 1, name: page.heading })).toBeVisible();
      // The text the server shipped, rendered: a section heading and its body.
      await expect(browser.getByRole("heading", { level: 2, name: page.text })).toBeVisible();
      await expect(browser.locator("article li").first()).not.toBeEmpty();
      await expect(browser).toHaveTitle(new RegExp(page.heading));
      const overflow = await browser.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(browser);
    });
  }
});
