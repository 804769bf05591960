import { describe, expect, it } from "vitest";
import { hashSecret, hasPrefix, newId, newSecret, sha256Hex } from "./ids";

const ID = /^[a-z]+_[0-9abcdefghjkmnpqrstvwxyz]{26}$/;

describe("newId", () => {
  it("carries its prefix and 128 random bits as 26 Crockford base32 characters", () => {
    for (const prefix of ["usr", "gig", "ord", "srch"] as const) {
      const id = newId(prefix);
      expect(id.startsWith(`${prefix}_`)).toBe(true);
      expect(id).toMatch(ID);
      expect(id).toHaveLength(prefix.length + 1 + 26);
      expect(hasPrefix(id, prefix)).toBe(true);
    }
    expect(hasPrefix("usr_", "usr")).toBe(false);
    expect(hasPrefix(newId("gig"), "usr")).toBe(false);
  });

  it("never repeats over 10,000 IDs", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId("ord")));
    expect(ids.size).toBe(10_000);
  });

  it("shows no sequential pattern: generation order is not sort order and neighbours share no prefix", () => {
    const ids = Array.from({ length: 1000 }, () => newId("ord").slice(4));
    const sorted = [...ids].sort();
    expect(sorted).not.toEqual(ids);
    // Consecutive IDs from a counter or a timestamp share leading characters; random ones rarely do.
    let sharedLeadingChars = 0;
    for (let i = 1; i < ids.length; i++) {
      let n = 0;
      while (n < 26 && ids[i]![n] === ids[i - 1]![n]) n++;
      sharedLeadingChars += n;
    }
    expect(sharedLeadingChars / (ids.length - 1)).toBeLessThan(0.2);
    // Every symbol of the alphabet shows up in the first position: the leading bits are random too.
    expect(new Set(ids.map((id) => id[0])).size).toBe(32);
  });
});

describe("secrets", () => {
  it("are URL safe and unique", () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newSecret()).not.toBe(a);
  });

  it("are stored as a stable SHA-256 digest", () => {
    const secret = newSecret();
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).not.toBe(hashSecret(`${secret}x`));
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abc")).toBe(hashSecret("abc"));
  });
});
