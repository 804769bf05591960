/**
 * The real-time benchmark's yardstick: the same HTTP post in and WebSocket frames out, with nothing
 * between them: plain `node:http` and `ws`, no database, no authentication beyond a token lookup, no
 * LISTEN/NOTIFY. `npm run bench:realtime` starts it as its own process, like the real server, so its
 * figures are what this machine, at this moment, gives any push at all.
 *
 * PAIRS_FILE names a JSON file of `[conversationId, tokenA, tokenB]`; a socket opens with
 * `/api/ws?token=…`; `POST /api/conversations/:id/messages` (Bearer token, `{"body": …}`) answers 201
 * and pushes `message.created` to the sockets of both members, as the real server does.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const pairs = JSON.parse(readFileSync(process.env.PAIRS_FILE ?? "", "utf8")) as [string, string, string][];
const members = new Map(pairs.map(([id, a, b]) => [id, [a, b] as const]));
const sockets = new Map<string, WebSocket>();

const server = http.createServer((req, res) => {
  const match = /^\/api\/conversations\/([^/]+)\/messages$/.exec(req.url ?? "");
  const pair = match ? members.get(match[1] ?? "") : undefined;
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  if (req.method === "GET" && req.url === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (req.method !== "POST" || !pair || !pair.includes(token)) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const { body } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { body: string };
    const message = { body, createdAt: new Date().toISOString() };
    const text = JSON.stringify(message);
    res.writeHead(201, { "content-type": "application/json" }).end(text);
    const frame = JSON.stringify({ type: "message.created", data: { message } });
    for (const member of pair) sockets.get(member)?.send(frame);
  });
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
server.on("upgrade", (req, socket, head) => {
  const token = new URL(req.url ?? "", "http://x").searchParams.get("token") ?? "";
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.set(token, ws);
    ws.on("close", () => sockets.delete(token));
  });
});

server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
