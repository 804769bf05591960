import { describe, expect, it } from "vitest";
import type { Queryable } from "../../db/client";
import { createFileAccessRules, type FileAccessRule } from "./files.links";

const q = {} as Queryable; // the rules below never query
const links = [{ subject_type: "gig", subject_id: "g1" }];
const someone = { userId: "u1", isAdmin: false };
const anonymous = { userId: null, isAdmin: false };
const admitAll: FileAccessRule = () => Promise.resolve(true);

describe("file access rules", () => {
  it("belong to one app: a rule registered in one registry does not open files in another", async () => {
    const first = createFileAccessRules();
    const second = createFileAccessRules();
    first.register("gig", admitAll);
    expect(await first.admits(q, links, someone)).toBe(true);
    expect(await second.admits(q, links, someone)).toBe(false);
  });

  it("registering the same rule again only updates whether it is public", async () => {
    const rules = createFileAccessRules();
    rules.register("gig", admitAll);
    expect(await rules.admits(q, links, anonymous, { publicOnly: true })).toBe(false);
    rules.register("gig", admitAll, { public: true });
    expect(await rules.admits(q, links, anonymous, { publicOnly: true })).toBe(true);
    rules.register("gig", admitAll);
    expect(await rules.admits(q, links, anonymous, { publicOnly: true })).toBe(false);
  });

  it("admit only through a rule for the link's subject type", async () => {
    const rules = createFileAccessRules();
    rules.register("order", admitAll);
    expect(await rules.admits(q, links, someone)).toBe(false);
  });
});
