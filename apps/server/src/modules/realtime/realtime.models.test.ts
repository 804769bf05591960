import { describe, expect, it } from "vitest";
import { originAllowed, parseClientFrame, parsePublished } from "./realtime.models";

describe("origin check for cookie sockets", () => {
  it("accepts the server's own origin and configured ones only", () => {
    expect(originAllowed("http://localhost:3000", "localhost:3000", [])).toBe(true);
    expect(originAllowed("https://atelier.example", "atelier.example", [])).toBe(true);
    expect(originAllowed("http://localhost:5173", "localhost:3000", ["http://localhost:5173"])).toBe(true);
    expect(originAllowed(undefined, "localhost:3000", [])).toBe(false);
    expect(originAllowed("null", "localhost:3000", [])).toBe(false);
    expect(originAllowed("https://evil.example", "atelier.example", [])).toBe(false);
    expect(originAllowed("https://atelier.example.evil.example", "atelier.example", [])).toBe(false);
    expect(originAllowed("http://localhost:3001", "localhost:3000", [])).toBe(false);
    expect(originAllowed("file://localhost:3000", "localhost:3000", [])).toBe(false);
  });
});

describe("frames", () => {
  it("parses published events and client pings, and ignores anything else", () => {
    expect(parsePublished('{"type":"order.updated","userIds":["usr_1"],"data":{"orderId":"ord_1"}}')).toEqual(
      {
        type: "order.updated",
        userIds: ["usr_1"],
        data: { orderId: "ord_1" },
      },
    );
    expect(parsePublished("not json")).toBeNull();
    expect(parsePublished('{"type":1}')).toBeNull();
    expect(parseClientFrame('{"type":"ping"}')).toBe("ping");
    expect(parseClientFrame('{"type":"ping","x":1}')).toBeNull();
    expect(parseClientFrame("ping")).toBeNull();
  });
});
