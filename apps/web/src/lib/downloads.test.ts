import { describe, expect, it } from "vitest";
import { fileNameOf } from "./downloads";

describe("fileNameOf", () => {
  it("reads the quoted file name of an attachment, or nothing", () => {
    expect(fileNameOf('attachment; filename="atelier-invoice-INV-000042.pdf"')).toBe(
      "atelier-invoice-INV-000042.pdf",
    );
    expect(fileNameOf("attachment")).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
