import { RealtimeFrameSchema, type RealtimeFrame } from "@atelier/contracts";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { messagingKeys } from "./messaging";
import { negotiationKeys, orderKeys, walletKeys } from "./queryKeys";
import { meQueryKey } from "./session";

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const DEFAULT_HEARTBEAT_SECONDS = 25;
/** Close codes after which reconnecting with the same cookie cannot help (signed out, too many tabs). */
const CLOSE_UNAUTHENTICATED = 4001;

function socketUrl(): string {
  const url = new URL("/api/ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

function parseFrame(raw: unknown): RealtimeFrame | null {
  if (typeof raw !== "string") return null;
  try {
    const result = RealtimeFrameSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Everything a push could have changed: refetched after a (re)connect or a server `resync`. */
function catchUp(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: messagingKeys.conversations });
  void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
  void queryClient.invalidateQueries({ queryKey: orderKeys.all });
}

function onOrderUpdated(queryClient: QueryClient, orderId: string | null) {
  if (orderId) {
    void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(orderId) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.reviews(orderId) });
  }
  void queryClient.invalidateQueries({ queryKey: ["orders", "list"] });
  // A completed or cancelled order moves money: balances may have changed too.
  void queryClient.invalidateQueries({ queryKey: walletKeys.all });
}

/** Turns one pushed frame into cache updates; the pages re-render from TanStack Query. */
function applyFrame(queryClient: QueryClient, frame: RealtimeFrame) {
  const { data } = frame;
  switch (frame.type) {
    case "message.created": {
      const conversationId = text(data.conversationId);
      if (conversationId) {
        void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(conversationId) });
        void queryClient.invalidateQueries({ queryKey: messagingKeys.conversation(conversationId) });
      }
      void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
      const orderId = text(data.orderId);
      if (orderId) void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(orderId) });
      break;
    }
    case "conversation.read": {
      const conversationId = text(data.conversationId);
      if (conversationId) {
        void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(conversationId) });
      }
      void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
      break;
    }
    case "order.updated":
      onOrderUpdated(queryClient, text(data.orderId));
      break;
    case "offer.updated": {
      const offerId = text(data.offerId);
      if (offerId) void queryClient.invalidateQueries({ queryKey: negotiationKeys.offer(offerId) });
      void queryClient.invalidateQueries({ queryKey: negotiationKeys.briefs });
      if (text(data.orderId)) onOrderUpdated(queryClient, null);
      break;
    }
    case "notification.created":
      void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
      break;
    case "resync":
      catchUp(queryClient);
      break;
    case "hello":
    case "pong":
      break;
  }
}

/**
 * Keeps one WebSocket to `/api/ws` open while `userId` is signed in (mount once, in the layout).
 * Reconnects with exponential backoff and jitter; every `hello` (first connect or reconnect)
 * invalidates what pushes would have updated, so nothing missed while offline stays stale. A ping
 * every heartbeat, and a socket silent for two heartbeats is treated as dead.
 */
export function useRealtime(userId: string | null) {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!userId || typeof WebSocket === "undefined") return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    let lastHeard = 0;

    function clearPing() {
      if (pingTimer !== undefined) clearInterval(pingTimer);
      pingTimer = undefined;
    }

    function scheduleReconnect() {
      if (stopped) return;
      const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt);
      attempt += 1;
      // Jitter spreads the reconnects of many tabs after a server restart.
      const delay = ceiling / 2 + Math.random() * (ceiling / 2);
      reconnectTimer = setTimeout(connect, delay);
    }

    function startPing(heartbeatSeconds: number) {
      clearPing();
      const interval = Math.max(5, heartbeatSeconds) * 1000;
      pingTimer = setInterval(() => {
        if (!socket || socket.readyState !== WebSocket.OPEN) return;
        if (performance.now() - lastHeard > interval * 2) {
          socket.close();
          return;
        }
        socket.send(JSON.stringify({ type: "ping" }));
      }, interval);
    }

    function connect() {
      if (stopped) return;
      const current = new WebSocket(socketUrl());
      socket = current;
      current.addEventListener("message", (event: MessageEvent) => {
        lastHeard = performance.now();
        const frame = parseFrame(event.data);
        if (!frame) return;
        if (frame.type === "hello") {
          attempt = 0;
          const heartbeat = frame.data.heartbeatSeconds;
          startPing(typeof heartbeat === "number" ? heartbeat : DEFAULT_HEARTBEAT_SECONDS);
          catchUp(queryClient);
          return;
        }
        applyFrame(queryClient, frame);
      });
      current.addEventListener("close", (event: CloseEvent) => {
        clearPing();
        if (socket === current) socket = null;
        if (stopped) return;
        // The session ended elsewhere: let the app find out who (if anyone) is signed in.
        if (event.code === CLOSE_UNAUTHENTICATED)
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
        scheduleReconnect();
      });
    }

    // A tab coming back from sleep or offline reconnects now instead of at the end of its backoff.
    function onOnline() {
      if (stopped || socket) return;
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      attempt = 0;
      connect();
    }

    connect();
    window.addEventListener("online", onOnline);
    return () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      clearPing();
      socket?.close(1000, "signed out");
      socket = null;
    };
  }, [userId, queryClient]);
}
