import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((config) => {
    config.production = true;
    config.metricsToken = undefined;
  });
});
afterAll(() => server.close());

describe("metrics in production without a token", () => {
  it("is closed: /metrics answers 404 and shows no series", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("atelier_");
  });

  it("opens once a token is configured, to that token only", async () => {
    server.config.metricsToken = "scrape-me";
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer scrape-me" } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("atelier_http_request_duration_seconds");
    } finally {
      server.config.metricsToken = undefined;
    }
  });
});
