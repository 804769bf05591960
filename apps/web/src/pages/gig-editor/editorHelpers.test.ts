import { describe, expect, it } from "vitest";
import { counter, firstNested } from "./editorHelpers";

describe("the gig editor's field helpers", () => {
  it("counts the trimmed characters against the limit", () => {
    expect(counter("  a logo  ", 80)).toBe(`6 / 80`);
    expect(counter("", 1200)).toBe(`0 / ${(1200).toLocaleString()}`);
  });

  it("finds the first error under a list field", () => {
    const errors = { title: "Too short", "tags.2": "Too long", "tags.4": "Duplicate" };
    expect(firstNested(errors, "tags")).toBe("Too long");
    expect(firstNested(errors, "title")).toBeUndefined();
    expect(firstNested({}, "tags")).toBeUndefined();
  });
});
