import { describe, expect, it } from "vitest";
import { lazyImport } from "./lazy";

describe("lazyImport", () => {
  it("loads nothing until first used, then once for every caller", async () => {
    let loads = 0;
    const load = lazyImport(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries again after a failed load", async () => {
    let attempts = 0;
    const load = lazyImport(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("not yet");
      return attempts;
    });
    await expect(load()).rejects.toThrow("not yet");
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
  });
});
