import { describe, expect, it } from "vitest";
import { humanize, invoiceLabel, toWinAnsi, wrapText } from "./documents.models";

// Windows-1252's printable characters, as the standard PDF fonts report them.
const WIN_ANSI = new Set<number>([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  ...[0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152],
  ...[0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a],
  ...[0x0153, 0x017e, 0x0178],
]);

describe("toWinAnsi", () => {
  it("keeps what the fonts encode and replaces emoji and CJK, one ? per character", () => {
    expect(toWinAnsi("Café — “quoted” €5", WIN_ANSI)).toEqual({ text: "Café — “quoted” €5", replaced: 0 });
    expect(toWinAnsi("ok 🎉 谢谢", WIN_ANSI)).toEqual({ text: "ok ? ??", replaced: 3 });
  });

  it("drops accents it cannot encode, turns tabs into spaces and removes control characters", () => {
    expect(toWinAnsi("Győr\tŁ\u0007x", WIN_ANSI)).toEqual({ text: "Gyor    ?x", replaced: 1 });
    expect(toWinAnsi("a\u202fb\u200bc", WIN_ANSI).text).toBe("a bc");
  });
});

describe("wrapText", () => {
  const width = (s: string) => s.length;

  it("breaks at spaces, keeps newlines, and cuts words longer than a line", () => {
    expect(wrapText("one two three four", 9, width)).toEqual(["one two", "three", "four"]);
    expect(wrapText("a\n\nb", 9, width)).toEqual(["a", "", "b"]);
    expect(wrapText("x 0123456789abcdef", 6, width)).toEqual(["x", "012345", "6789ab", "cdef"]);
  });
});

describe("labels", () => {
  it("pads invoice numbers and names event kinds", () => {
    expect(invoiceLabel(42)).toBe("INV-000042");
    expect(humanize("resolve_complete")).toBe("Resolve complete");
  });
});
