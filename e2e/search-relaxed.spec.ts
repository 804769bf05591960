import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

// Never a dead end (API.md section 14): a long query whose words no single service has all of
// still answers, with the partial matches marked as such.
test("a query no service fully matches shows the best partial matches, marked @phone", async ({
  page,
  request,
}) => {
  const q = "I need a minimalist logo for my pottery studio in lisbon quickly";
  const api = await request.get(`/api/search/gigs?${new URLSearchParams({ q }).toString()}`);
  const body = (await api.json()) as { relaxed: boolean; data: { title: string }[] };
  expect(body.relaxed).toBe(true);

  await page.goto(`/search?${new URLSearchParams({ q }).toString()}`);
  await expect(page.getByTestId("relaxed-results")).toHaveText(/showing results for some of your words/i);
  await expect(page.getByRole("article").first()).toBeVisible();
  await expect(page.getByRole("article").first()).toContainText(body.data[0]?.title ?? "");
  await expectNoSeriousA11yViolations(page);

  // A query that many services match with every word is not marked.
  await page.goto("/search?q=logo");
  await expect(page.getByRole("article").first()).toBeVisible();
  await expect(page.getByTestId("relaxed-results")).toHaveCount(0);
});
