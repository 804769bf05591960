import fastifyWebsocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { AppError, forbidden, unauthenticated, validationFailed } from "../../platform/errors";
import { EVENTS_CHANNEL } from "../../platform/events";
import { SESSION_COOKIE } from "../identity/identity.public";
import { authenticateSession, authenticateToken } from "../identity/identity.usecases";
import { SocketHub } from "./realtime.hub";
import {
  CLOSE,
  originAllowed,
  parseClientFrame,
  parsePublished,
  PUSHED_TYPES,
  rawText,
} from "./realtime.models";

const WsQuerySchema = z.strictObject({ token: z.string().min(1).max(200).optional() });

/** Who a socket belongs to, decided before the upgrade. */
interface SocketAuth {
  userId: string;
  stillValid(): Promise<boolean>;
}

const frame = (type: string, data: Record<string, unknown>) => JSON.stringify({ type, data });

/**
 * `GET /api/ws`: the real-time channel. Authenticated by `?token=` (a personal access token), an
 * `Authorization: Bearer` header, or the session cookie — then only from the server's own origin
 * (or a configured one), else 403 before the upgrade. Pushes `message.created`, `conversation.read`,
 * `order.updated` and `notification.created` to every open socket of the users an event names, in
 * every server process: events travel through PostgreSQL's LISTEN/NOTIFY (in-process on PGlite).
 */
export function realtimeRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const cfg = deps.config.realtime;
    const hub = new SocketHub(cfg, deps.log);
    await app.register(fastifyWebsocket, {
      options: { maxPayload: 4096 },
      // Shutdown: every socket is closed with 1001 (going away), so clients reconnect elsewhere at once.
      preClose(done) {
        hub.stop();
        for (const client of this.websocketServer.clients) client.close(1001, "server shutting down");
        done();
      },
    });
    const unlisten = await deps.db.listen(
      EVENTS_CHANNEL,
      (payload) => {
        const event = parsePublished(payload);
        if (event && PUSHED_TYPES.has(event.type)) hub.push(event.userIds, frame(event.type, event.data));
        // A session ended or a token was revoked: those users' sockets check their credentials now.
        else if (event?.type === "credentials.revoked") hub.recheck(event.userIds);
      },
      // Events published while the listener was reconnecting are lost here: clients refetch.
      () => hub.broadcast(frame("resync", {})),
    );
    hub.start();
    deps.metrics.gauge("atelier_websocket_connections", "Open WebSockets on this process.", async () => [
      { value: hub.size },
    ]);
    app.addHook("onClose", async () => {
      hub.stop();
      await unlisten();
    });

    const auths = new WeakMap<FastifyRequest, SocketAuth>();

    async function authenticate(request: FastifyRequest): Promise<SocketAuth> {
      const query = WsQuerySchema.safeParse(request.query);
      if (!query.success) {
        throw validationFailed(
          query.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        );
      }
      const token = query.data.token;
      if (token !== undefined) {
        const auth = await authenticateToken(deps, token);
        if (!auth) throw unauthenticated("The access token is not valid.");
        return {
          userId: auth.user.id,
          stillValid: async () => (await authenticateToken(deps, token)) !== undefined,
        };
      }
      const auth = request.auth;
      if (!auth) throw unauthenticated();
      if (auth.via === "token") {
        const header = request.headers.authorization?.slice("Bearer ".length).trim() ?? "";
        return {
          userId: auth.user.id,
          stillValid: async () => (await authenticateToken(deps, header)) !== undefined,
        };
      }
      if (!originAllowed(request.headers.origin, request.host, cfg.allowedOrigins)) {
        throw forbidden("This origin may not open a socket with the session cookie.", "origin_not_allowed");
      }
      const cookie = request.cookies[SESSION_COOKIE] ?? "";
      return {
        userId: auth.user.id,
        stillValid: async () => (await authenticateSession(deps, cookie)) !== undefined,
      };
    }

    function onSocket(socket: WebSocket, request: FastifyRequest): void {
      const auth = auths.get(request);
      if (!auth) {
        socket.close(CLOSE.unauthenticated, "unauthenticated");
        return;
      }
      if (!hub.add({ socket, userId: auth.userId, stillValid: () => auth.stillValid() })) {
        socket.close(CLOSE.tooManySockets, "too many open sockets");
        return;
      }
      socket.on("close", () => hub.remove(socket));
      socket.on("message", (raw, isBinary) => {
        if (isBinary) return;
        if (parseClientFrame(rawText(raw)) === "ping") socket.send(frame("pong", {}));
      });
      socket.send(frame("hello", { userId: auth.userId, heartbeatSeconds: cfg.heartbeatSeconds }));
    }

    app.route({
      method: "GET",
      url: "/api/ws",
      // `?token=` is a credential in the URL: keep this route's URLs out of the info-level request logs.
      logLevel: "warn",
      schema: {
        operationId: "openWebSocket",
        tags: ["real time"],
        description:
          "WebSocket upgrade. Auth: `?token=<personal access token>`, a bearer header, or the session cookie " +
          "(then the Origin must be this server's own, else 403 `origin_not_allowed`). Server frames are " +
          '`{ "type", "data" }`: `hello` { userId, heartbeatSeconds } on connect, `message.created`, ' +
          "`conversation.read`, `order.updated`, `notification.created`, `pong` (answer to a client's " +
          '`{ "type": "ping" }`) and `resync` (the server may have missed events: refetch). After a reconnect, ' +
          "refetch what may have been missed. A plain HTTP GET answers 426.",
      },
      preHandler: async (request) => {
        // A plain HTTP request gets its 426 whoever asks; only an upgrade is authenticated.
        if (request.ws) auths.set(request, await authenticate(request));
      },
      handler: async () => {
        throw new AppError(
          426,
          "upgrade_required",
          "Upgrade required",
          "Open this URL as a WebSocket.",
          undefined,
          {
            Upgrade: "websocket",
          },
        );
      },
      wsHandler: onSocket,
    });
  };
}
