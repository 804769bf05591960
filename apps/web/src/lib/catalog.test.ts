import { describe, expect, it } from "vitest";
import { searchQuery } from "./catalog";

describe("searchQuery", () => {
  it("sends the filters that are set, with the page size and cursor", () => {
    expect(searchQuery({ q: "logo", category: "", minPrice: 1000 }, 24, "c1")).toEqual({
      q: "logo",
      minPrice: 1000,
      limit: 24,
      cursor: "c1",
    });
  });

  it("leaves the cursor out on the first page", () => {
    expect(searchQuery({}, 12)).toEqual({ limit: 12 });
  });
});
