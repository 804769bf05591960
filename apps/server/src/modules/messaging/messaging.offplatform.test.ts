import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectOffPlatform, normalise } from "./messaging.offplatform";
import { LABELLED_MESSAGES } from "./offplatform.labelled";

describe("off-platform detector on the labelled set", () => {
  it("has at least 200 messages, 80 of them innocent but number- or app-shaped", () => {
    expect(LABELLED_MESSAGES.length).toBeGreaterThanOrEqual(200);
    const tricky = LABELLED_MESSAGES.filter((m) => !m.flagged && m.kind !== "plain");
    expect(tricky.length).toBeGreaterThanOrEqual(80);
    expect(LABELLED_MESSAGES.filter((m) => m.flagged).length).toBeGreaterThanOrEqual(80);
  });

  it("reaches precision and recall of at least 0.9", () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const wrong: string[] = [];
    for (const m of LABELLED_MESSAGES) {
      const { flagged } = detectOffPlatform(m.text);
      if (flagged && m.flagged) truePositives += 1;
      else if (flagged) {
        falsePositives += 1;
        wrong.push(`false positive: ${m.text}`);
      } else if (m.flagged) {
        falseNegatives += 1;
        wrong.push(`missed: ${m.text}`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      `off-platform detector: ${LABELLED_MESSAGES.length} messages, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}` +
        (wrong.length > 0 ? `\n  ${wrong.join("\n  ")}` : ""),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe("off-platform detector", () => {
  it("says why it flagged a message", () => {
    expect(detectOffPlatform("write me at bob@example.org").reasons).toContainEqual({
      kind: "email",
      match: "bob@example.org",
    });
    expect(detectOffPlatform("call me: +1 415 555 0198").reasons.map((r) => r.kind)).toContain("phone");
    expect(detectOffPlatform("https://wa.me/14155550198").reasons.map((r) => r.kind)).toContain("link");
    expect(detectOffPlatform("Logo in 1920x1080, $50, by 12/05/2026, v2.3.1").flagged).toBe(false);
  });

  it("undoes the usual obfuscations", () => {
    expect(normalise("bob at gmail dot com")).toContain("bob@gmail.com");
    expect(normalise("anna (at) outlook (dot) com")).toContain("anna@outlook.com");
    expect(normalise("5 5 5 1 2 3 4 5 6 7")).toContain("5551234567");
    expect(normalise("five five five one two three four")).toContain("5551234");
    expect(normalise("ＢＯＢ＠ＧＭＡＩＬ．ＣＯＭ")).toContain("bob@gmail.com");
    expect(normalise("bo\u200bb@gm\u200bail.com")).toContain("bob@gmail.com");
  });

  it("never throws and stays fast on any text up to the message limit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), (text) => {
        expect(typeof detectOffPlatform(text).flagged).toBe("boolean");
      }),
      { numRuns: 200 },
    );
    const adversarial = [
      "1 ".repeat(2500),
      "a.".repeat(2500),
      "@a ".repeat(1600),
      "9".repeat(5000),
      "call me on ".repeat(450),
      "x at y dot ".repeat(450),
      "1-".repeat(2500),
      "a@".repeat(2500),
      "www.".repeat(1250),
      "five ".repeat(1000),
    ];
    for (const text of adversarial) {
      const started = performance.now();
      detectOffPlatform(text.slice(0, 5000));
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
