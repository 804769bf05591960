import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/platform/error-codes";
import { startTestServer, type TestServer } from "../harness";

/**
 * Every error the server sends, from any layer (the router, the body parsers, Node's HTTP parser,
 * the multipart, static and WebSocket plugins), is problem+json with a listed code and never quotes
 * what the request sent. Requests go over a raw socket so that nothing rewrites them on the way.
 */

let server: TestServer;
let webDir: string;
let session = "";
let bearer = "";

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends `head` (and `body`) exactly as written; the server's answer up to the socket's end. */
function raw(head: string, body: Buffer | string = ""): Promise<RawResponse> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (e) => (chunks.length > 0 ? undefined : reject(e)));
    socket.on("close", () => {
      const all = Buffer.concat(chunks).toString("latin1");
      const end = all.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = all.slice(0, end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine?.split(" ")[1]), headers, text: all.slice(end + 4) });
    });
    socket.write(head);
    // Not half-closed: Node would drop a response still being prepared when the client ends first.
    if (body.length > 0) socket.write(body);
  });
}

function request(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body: Buffer | string = "",
): Promise<RawResponse> {
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  const all = { ...headers };
  if (body.length > 0 || method === "POST") all["Content-Length"] ??= String(Buffer.byteLength(body));
  for (const [name, value] of Object.entries(all)) lines.push(`${name}: ${value}`);
  return raw(`${lines.join("\r\n")}\r\n\r\n`, body);
}

function multipart(parts: { name: string; file?: string; value: string }[]) {
  const boundary = "----atelier-test-boundary";
  const body = parts
    .map(
      (p) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
        (p.file ? `; filename="${p.file}"\r\nContent-Type: text/plain` : "") +
        `\r\n\r\n${p.value}\r\n`,
    )
    .join("");
  return { type: `multipart/form-data; boundary=${boundary}`, body: `${body}--${boundary}--\r\n` };
}

const upgrade = (extra: Record<string, string>) => ({
  Upgrade: "websocket",
  Connection: "Upgrade",
  "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
  "Sec-WebSocket-Version": "13",
  ...extra,
});

beforeAll(async () => {
  // A built web app to serve (the static plugin is registered only when there is one).
  webDir = await mkdtemp(path.join(tmpdir(), "atelier-web-"));
  await mkdir(path.join(webDir, "assets"));
  await writeFile(path.join(webDir, "index.html"), "<!doctype html><title>Atelier</title>");
  await writeFile(path.join(webDir, "assets", "app.js"), "console.log('atelier');");
  server = await startTestServer((config) => {
    config.webDistDir = webDir;
  });
  const client = server.client();
  await client.signup();
  session = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const token = await client.post<{ token: string }>("/api/auth/tokens", { name: "errors test" });
  bearer = token.body.token;
});
afterAll(async () => {
  await server.close();
  await rm(webDir, { recursive: true, force: true });
});

const long = "a".repeat(300);
const hugeJson = JSON.stringify({ email: "x".repeat(1024 * 1024 + 10), password: "p" });

const cases: {
  name: string;
  send: () => Promise<RawResponse>;
  status: number;
  code: keyof typeof ERROR_CODES;
  /** Raw input the answer must not quote. */
  secret?: string;
}[] = [
  {
    name: "a URL with a bad percent-encoding (router)",
    send: () => request("GET", "/api/gigs/%ZZsecret"),
    status: 400,
    code: "malformed_url",
    secret: "%ZZsecret",
  },
  {
    name: "a path parameter over 100 characters (router)",
    send: () => request("GET", `/api/gigs/${long}`),
    status: 414,
    code: "uri_too_long",
    secret: long,
  },
  {
    name: "an unknown API path",
    send: () => request("GET", "/api/nothing-secret-here"),
    status: 404,
    code: "not_found",
    secret: "nothing-secret-here",
  },
  {
    name: "a non-GET to a path of the web app",
    send: () => request("DELETE", "/somewhere-secret"),
    status: 404,
    code: "not_found",
    secret: "somewhere-secret",
  },
  {
    name: "an unknown method on a known path",
    send: () => request("PATCH", "/api/health"),
    status: 404,
    code: "not_found",
  },
  {
    name: "a form post to a JSON route (content type)",
    send: () =>
      request("POST", "/api/auth/login", { "Content-Type": "text/plain" }, "email=secret@example.com"),
    status: 415,
    code: "unsupported_media_type",
    secret: "secret@example.com",
  },
  {
    name: "a multipart post to a JSON route",
    send: () => {
      const form = multipart([{ name: "email", value: "secret@example.com" }]);
      return request("POST", "/api/auth/login", { "Content-Type": form.type }, form.body);
    },
    status: 415,
    code: "unsupported_media_type",
    secret: "secret@example.com",
  },
  {
    name: "malformed JSON (body parser)",
    send: () =>
      request("POST", "/api/auth/login", { "Content-Type": "application/json" }, '{"email": "secret'),
    status: 400,
    code: "malformed_json",
    secret: "secret",
  },
  {
    name: "a JSON body over 1 MiB (body limit)",
    send: () => request("POST", "/api/auth/login", { "Content-Type": "application/json" }, hugeJson),
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "a Content-Length that is not a number (Node's HTTP parser)",
    send: () => raw("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: secret\r\n\r\n"),
    status: 400,
    code: "bad_request",
    secret: "secret",
  },
  {
    name: "a request line that is not HTTP (Node's HTTP parser)",
    send: () => raw("SECRET / NOT-HTTP\r\n\r\n"),
    status: 400,
    code: "bad_request",
    secret: "SECRET",
  },
  {
    name: "headers over 16 KiB (Node's HTTP parser)",
    send: () => request("GET", "/api/health", { "X-Secret": "s".repeat(20_000) }),
    status: 431,
    code: "headers_too_large",
    secret: "sssssssss",
  },
  {
    name: "an upload that is not multipart (files)",
    send: () =>
      request(
        "POST",
        "/api/files",
        { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
        '{"file": "secret"}',
      ),
    status: 415,
    code: "unsupported_media_type",
    secret: "secret",
  },
  {
    name: "a multipart body without its boundary (multipart plugin)",
    send: () =>
      request(
        "POST",
        "/api/files",
        { Authorization: `Bearer ${bearer}`, "Content-Type": "multipart/form-data" },
        "secret",
      ),
    status: 400,
    code: "malformed_multipart",
    secret: "secret",
  },
  {
    name: "a multipart body that ends early (multipart plugin)",
    send: () => {
      const form = multipart([{ name: "file", file: "secret.txt", value: "secret" }]);
      return request(
        "POST",
        "/api/files",
        { Authorization: `Bearer ${bearer}`, "Content-Type": form.type },
        form.body.slice(0, -30),
      );
    },
    status: 400,
    code: "malformed_multipart",
    secret: "secret",
  },
  {
    name: "a byte range outside a file (static plugin)",
    send: () => request("GET", "/assets/app.js", { Range: "bytes=5000-6000" }),
    status: 416,
    code: "range_not_satisfiable",
  },
  {
    name: "a failed If-Match on a file (static plugin)",
    send: () => request("GET", "/assets/app.js", { "If-Match": '"secret"' }),
    status: 412,
    code: "precondition_failed",
    secret: "secret",
  },
  {
    name: "a missing asset of the API docs (swagger-ui's static files)",
    send: () => request("GET", "/api/docs/static/secret.js"),
    status: 404,
    code: "not_found",
    secret: "secret",
  },
  {
    name: "a plain GET of the WebSocket URL",
    send: () => request("GET", "/api/ws"),
    status: 426,
    code: "upgrade_required",
  },
  {
    name: "a WebSocket upgrade with a wrong token",
    send: () => request("GET", "/api/ws?token=atl_pat_secret", upgrade({})),
    status: 401,
    code: "unauthenticated",
    secret: "atl_pat_secret",
  },
  {
    name: "a WebSocket upgrade with the cookie from a foreign origin",
    send: () => request("GET", "/api/ws", upgrade({ Cookie: session, Origin: "https://secret.example" })),
    status: 403,
    code: "origin_not_allowed",
    secret: "secret.example",
  },
  {
    name: "a WebSocket upgrade with an unknown query field",
    send: () => request("GET", "/api/ws?secret=1", upgrade({})),
    status: 400,
    code: "validation_failed",
  },
];

describe("errors from every layer", () => {
  it.each(cases)("$name → $status $code, problem+json", async ({ send, status, code, secret }) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toMatchObject({ type: `/api/docs/errors#${code}`, status, code, title: expect.any(String) });
    expect(ERROR_CODES[code].statuses).toContain(status);
    if (secret) expect(res.text).not.toContain(secret);
  });

  it("says which range a file has when the asked one is outside it", async () => {
    const res = await request("GET", "/assets/app.js", { Range: "bytes=5000-6000" });
    expect(res.headers["content-range"]).toBe("bytes */23");
  });
});

describe("requests that arrive while the server closes", () => {
  it("are answered 503 service_unavailable as problem+json", async () => {
    const closing = await startTestServer();
    const { port } = new URL(closing.url);
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => socket.on("close", resolve));
    // A request whose headers are still arriving when the close begins: in-flight requests are
    // drained (finished), and one that starts during the close is refused with a problem.
    socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = closing.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.write("Accept: application/json\r\n\r\n");
    await ended;
    await closed;
    const text = Buffer.concat(chunks).toString("latin1");
    expect(text).toContain("HTTP/1.1 503");
    expect(text.toLowerCase()).toContain("connection: close");
    expect(text).toContain('"code":"service_unavailable"');
  });
});
