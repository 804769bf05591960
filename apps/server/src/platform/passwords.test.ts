import { describe, expect, it } from "vitest";
import { loadConfig } from "../app/config";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hash with argon2id at the production cost and verify", async () => {
    const cost = loadConfig({}).auth.argon2;
    const hash = await hashPassword("correct horse battery", cost);
    expect(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery ")).toBe(false);
  });

  it("salt every hash", async () => {
    const cost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
    const [a, b] = await Promise.all([
      hashPassword("same password", cost),
      hashPassword("same password", cost),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same password")).toBe(true);
    expect(await verifyPassword(b, "same password")).toBe(true);
  });

  it("treat a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("not a hash", "whatever")).toBe(false);
    expect(await verifyPassword("", "whatever")).toBe(false);
  });
});
