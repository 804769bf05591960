/** The WebSocket endpoint; every value can be overridden from the environment. */
export interface RealtimeConfig {
  /** Server pings every socket this often; a socket that missed the previous pong is dropped. */
  heartbeatSeconds: number;
  /** Cookie-authenticated sockets re-check their session this often (logout, suspension, expiry). */
  reauthSeconds: number;
  /** Open sockets one user may hold (tabs, devices); beyond it new sockets are refused. */
  maxSocketsPerUser: number;
  /** Origins besides the server's own that may open a cookie-authenticated socket. */
  allowedOrigins: string[];
  /** A socket whose unsent output exceeds this many bytes is too slow to keep up and is dropped. */
  maxBufferedBytes: number;
}

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
}

export function realtimeConfig(env: NodeJS.ProcessEnv): RealtimeConfig {
  return {
    heartbeatSeconds: positiveInt(env.ATELIER_WS_HEARTBEAT_SECONDS, 25),
    reauthSeconds: positiveInt(env.ATELIER_WS_REAUTH_SECONDS, 300),
    maxSocketsPerUser: positiveInt(env.ATELIER_WS_MAX_SOCKETS_PER_USER, 20),
    allowedOrigins: (env.ATELIER_WS_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim().replace(/\/+$/, ""))
      .filter((o) => o !== ""),
    maxBufferedBytes: 4 * 1024 * 1024,
  };
}
