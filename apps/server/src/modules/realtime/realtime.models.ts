import { RealtimeClientFrameSchema, type RealtimeFrameType } from "@atelier/contracts";
import type { RawData } from "ws";
import { z } from "zod";

/** Event types pushed to sockets; other events on the channel (internal ones) stay on the server. */
export const PUSHED_TYPES: ReadonlySet<string> = new Set<RealtimeFrameType>([
  "message.created",
  "conversation.read",
  "order.updated",
  "offer.updated",
  "notification.created",
]);

/** Close codes of our own (4000–4999 are the application's). */
export const CLOSE = {
  /** The session or token stopped being valid (logout, expiry, suspension). */
  unauthenticated: 4001,
  /** The user already holds the most sockets allowed. */
  tooManySockets: 4008,
  /** The client did not answer pings. */
  unresponsive: 4002,
  /** The client could not keep up with what was pushed to it. */
  tooSlow: 4003,
} as const;

const PublishedEventSchema = z.object({
  type: z.string(),
  userIds: z.array(z.string()),
  data: z.record(z.string(), z.unknown()),
});
export type PublishedEvent = z.infer<typeof PublishedEventSchema>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A NOTIFY payload as events.ts publishes it, or null for anything else on the channel. */
export function parsePublished(payload: string): PublishedEvent | null {
  const parsed = PublishedEventSchema.safeParse(parseJson(payload));
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a browser page at `origin` may open a cookie-authenticated socket: only the server's own
 * origin (the Host the request came to) or a configured one. Without this check any site the user
 * visits could open a socket with their cookie and read their messages (cross-site WebSocket hijacking).
 */
export function originAllowed(origin: string | undefined, host: string, allowed: readonly string[]): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return allowed.includes(parsed.origin);
}

/** What a client sent: only `{ "type": "ping" }` means something. */
export function parseClientFrame(raw: string): "ping" | null {
  return RealtimeClientFrameSchema.safeParse(parseJson(raw)).success ? "ping" : null;
}

/** The text of a WebSocket frame, whichever form `ws` delivered it in. */
export function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  return Array.isArray(raw) ? Buffer.concat(raw).toString("utf8") : Buffer.from(raw).toString("utf8");
}
