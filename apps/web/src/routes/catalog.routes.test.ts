import { describe, expect, it } from "vitest";
import { searchQuery } from "../lib/catalog";
import { validateCatalogSearch } from "./catalog.routes";

describe("the search page's address", () => {
  it("keeps “AI: none” (aiUse=none) and sends it to the API", () => {
    const params = validateCatalogSearch({ q: "logo", aiUse: "none" });
    expect(params).toEqual({ q: "logo", aiUse: "none" });
    expect(searchQuery(params, 24)).toEqual({ q: "logo", aiUse: "none", limit: 24 });
  });

  it("drops any other aiUse value, which the API would refuse", () => {
    for (const aiUse of ["generated", "assisted", "", 1, true]) {
      expect(validateCatalogSearch({ q: "logo", aiUse })).toEqual({ q: "logo" });
    }
  });
});
