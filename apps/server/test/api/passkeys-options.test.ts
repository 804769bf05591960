import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// The WebAuthn library is imported on the first passkey request (a start-time saving): these answers
// show that it still loads and answers.
describe("passkey options", () => {
  it("gives anyone sign-in options with a fresh challenge", async () => {
    const res = await server.client().post("/api/auth/passkeys/options");
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toMatch(/"challenge":"[A-Za-z0-9_-]{16,}"/);
  });

  it("gives a signed-in person registration options naming them", async () => {
    const client = server.client();
    const user = await client.signup();
    const res = await client.post<{ challenge: string; user?: { name: string } }>("/api/me/passkeys/options");
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(user.username);
  });
});
