import WebSocket from "ws";
import { rawText } from "../../src/modules/realtime/realtime.models";
import type { ApiClient } from "../client";
import { newParty, type Party } from "../orders/orders.helpers";

export { newParty, type Party };

export interface Frame {
  type: string;
  data: any;
}

/** A test WebSocket that records every frame and lets a test wait for the next one it wants. */
export interface TestSocket {
  ws: WebSocket;
  frames: Frame[];
  /** Resolves with the first frame (already received or still to come) that matches. */
  next(type: string, match?: (data: any) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Resolves when the socket closes, with the close code. */
  closed: Promise<number>;
  close(): void;
}

export function wsUrl(server: { url: string }, query = ""): string {
  return `${server.url.replace(/^http/, "ws")}/api/ws${query}`;
}

/** Opens a socket and waits for the server's `hello`. */
export async function openSocket(
  url: string,
  options: { headers?: Record<string, string> } = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers: options.headers ?? {} });
  const frames: Frame[] = [];
  const waiters: { type: string; match: (d: any) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on("message", (raw) => {
    const frame = JSON.parse(rawText(raw)) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.type === frame.type && w.match(frame.data)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const socket: TestSocket = {
    ws,
    frames,
    closed,
    close: () => ws.close(),
    next(type, match = () => true, timeoutMs = 5000) {
      const seen = frames.find((f) => f.type === type && match(f.data));
      if (seen) return Promise.resolve(seen);
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          type,
          match,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        });
      });
    },
  };
  await socket.next("hello");
  return socket;
}

/** The HTTP status a refused upgrade answered with (and its body). */
export function refusedUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("open", () => {
      ws.close();
      reject(new Error("the upgrade was accepted"));
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once("error", () => undefined);
  });
}

/** The browser's Cookie header for a client's session. */
export function cookieHeader(client: ApiClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** A socket as a signed-in browser tab of `client` opens it (cookie + the server's own Origin). */
export function browserSocket(server: { url: string }, client: ApiClient): Promise<TestSocket> {
  return openSocket(wsUrl(server), { headers: { cookie: cookieHeader(client), origin: server.url } });
}

/** Opens (or gets) the conversation from `from` to `to`; returns its id. */
export async function conversationBetween(from: Party, to: Party): Promise<string> {
  const res = await from.client.post("/api/conversations", { username: to.username });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`open conversation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function send(
  from: Party,
  conversationId: string,
  body: string,
  extra: Record<string, unknown> = {},
) {
  const res = await from.client.post(`/api/conversations/${conversationId}/messages`, { body, ...extra });
  if (res.status !== 201) throw new Error(`send message: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    flags: string[];
    body: string;
    readAt: string | null;
    warning: string | null;
  };
}

/** Uploads a small text file as `party`; returns its id. */
export async function upload(
  party: Party,
  name = "brief.txt",
  text = "The brief: a logo for a bakery.\n",
): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([text], { type: "text/plain" }), name);
  const res = await party.client.post("/api/files", form);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
