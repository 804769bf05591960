import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs joined across lines, and both kinds of list", () => {
    const blocks = parseMarkdown(
      "# Help\n\nFirst line\nsecond line.\n\n## Buying\n\n1. Find\n2. Pay\n   up front\n\n- one\n- two\n",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 1, children: [{ kind: "text", text: "Help" }] },
      { kind: "paragraph", children: [{ kind: "text", text: "First line second line." }] },
      { kind: "heading", level: 2, children: [{ kind: "text", text: "Buying" }] },
      {
        kind: "list",
        ordered: true,
        items: [[{ kind: "text", text: "Find" }], [{ kind: "text", text: "Pay up front" }]],
      },
      {
        kind: "list",
        ordered: false,
        items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]],
      },
    ]);
  });

  it("keeps raw HTML as text (it is never injected)", () => {
    expect(parseMarkdown("<script>alert(1)</script>")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "<script>alert(1)</script>" }] },
    ]);
  });
});

describe("parseInline", () => {
  it("reads strong, emphasis, code and links", () => {
    expect(parseInline("**Sellers** offer *gigs*, see `code` and [help](/help).")).toEqual([
      { kind: "strong", children: [{ kind: "text", text: "Sellers" }] },
      { kind: "text", text: " offer " },
      { kind: "em", children: [{ kind: "text", text: "gigs" }] },
      { kind: "text", text: ", see " },
      { kind: "code", text: "code" },
      { kind: "text", text: " and " },
      { kind: "link", href: "/help", children: [{ kind: "text", text: "help" }] },
      { kind: "text", text: "." },
    ]);
  });

  it("drops links to script or data URLs, keeping their label", () => {
    expect(parseInline("[click](javascript:alert%281%29)")).toEqual([{ kind: "text", text: "click" }]);
    expect(parseInline("a [b](data:text/html,x) c")).toEqual([{ kind: "text", text: "a b c" }]);
  });
});

describe("safeHref", () => {
  it("allows web, mail and same-site links only", () => {
    expect(safeHref("https://example.org/x")).toBe("https://example.org/x");
    expect(safeHref("mailto:help@example.org")).toBe("mailto:help@example.org");
    expect(safeHref("/terms")).toBe("/terms");
    expect(safeHref("//evil.example")).toBeUndefined();
    expect(safeHref("JavaScript:alert(1)")).toBeUndefined();
    expect(safeHref("vbscript:x")).toBeUndefined();
  });
});
