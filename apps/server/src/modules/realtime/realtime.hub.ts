import type { WebSocket } from "ws";
import type { Logger } from "../../platform/logger";
import type { RealtimeConfig } from "./realtime.config";
import { CLOSE } from "./realtime.models";

/** One open socket of one user (one browser tab, one device). */
export interface Connection {
  socket: WebSocket;
  userId: string;
  /** Whether the credentials the socket opened with still hold (logout, expiry, suspension). */
  stillValid(): Promise<boolean>;
}

interface Tracked extends Connection {
  alive: boolean;
  beatsUntilRecheck: number;
}

/**
 * This process's open sockets by user. Pushes go to every open socket of the listed users; a
 * heartbeat pings each socket and drops the ones that stopped answering, and re-checks credentials
 * every `reauthSeconds`.
 */
export class SocketHub {
  private readonly byUser = new Map<string, Set<Tracked>>();
  private readonly bySocket = new Map<WebSocket, Tracked>();
  private timer: NodeJS.Timeout | undefined;
  private readonly beatsPerRecheck: number;

  constructor(
    private readonly config: RealtimeConfig,
    private readonly log: Logger,
  ) {
    this.beatsPerRecheck = Math.max(1, Math.ceil(config.reauthSeconds / config.heartbeatSeconds));
  }

  get size(): number {
    return this.bySocket.size;
  }

  /** Registers a socket; false when the user already holds the most sockets allowed. */
  add(connection: Connection): boolean {
    const set = this.byUser.get(connection.userId) ?? new Set<Tracked>();
    if (set.size >= this.config.maxSocketsPerUser) return false;
    const tracked: Tracked = { ...connection, alive: true, beatsUntilRecheck: this.beatsPerRecheck };
    set.add(tracked);
    this.byUser.set(connection.userId, set);
    this.bySocket.set(connection.socket, tracked);
    connection.socket.on("pong", () => {
      tracked.alive = true;
    });
    return true;
  }

  remove(socket: WebSocket): void {
    const tracked = this.bySocket.get(socket);
    if (!tracked) return;
    this.bySocket.delete(socket);
    const set = this.byUser.get(tracked.userId);
    set?.delete(tracked);
    if (set?.size === 0) this.byUser.delete(tracked.userId);
  }

  /** Sends one serialised frame to every open socket of `userIds`. */
  push(userIds: readonly string[], frame: string): void {
    for (const userId of new Set(userIds)) {
      for (const tracked of this.byUser.get(userId) ?? []) this.send(tracked, frame);
    }
  }

  /** Sends one frame to every socket of this process. */
  broadcast(frame: string): void {
    for (const tracked of this.bySocket.values()) this.send(tracked, frame);
  }

  private send(tracked: Tracked, frame: string): void {
    const { socket } = tracked;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.config.maxBufferedBytes) {
      // It will miss pushes from now on; closing tells it to reconnect and catch up.
      socket.close(CLOSE.tooSlow, "too slow");
      this.remove(socket);
      return;
    }
    socket.send(frame);
  }

  start(): void {
    this.timer = setInterval(() => this.beat(), this.config.heartbeatSeconds * 1000);
    this.timer.unref();
  }

  private beat(): void {
    for (const tracked of [...this.bySocket.values()]) {
      if (!tracked.alive) {
        tracked.socket.terminate();
        this.remove(tracked.socket);
        continue;
      }
      tracked.alive = false;
      tracked.socket.ping();
      tracked.beatsUntilRecheck -= 1;
      if (tracked.beatsUntilRecheck <= 0) {
        tracked.beatsUntilRecheck = this.beatsPerRecheck;
        this.check(tracked);
      }
    }
  }

  /** Checks the credentials of every open socket of `userIds` now; closes those no longer valid. */
  recheck(userIds: readonly string[]): void {
    for (const userId of new Set(userIds)) {
      for (const tracked of [...(this.byUser.get(userId) ?? [])]) this.check(tracked);
    }
  }

  private check(tracked: Tracked): void {
    tracked.stillValid().then(
      (valid) => {
        if (valid) return;
        tracked.socket.close(CLOSE.unauthenticated, "session ended");
        this.remove(tracked.socket);
      },
      (err: unknown) => this.log.warn({ err }, "socket credential check failed"),
    );
  }

  /** Stops the heartbeat and closes every socket (server shutdown). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const tracked of this.bySocket.values()) tracked.socket.close(1001, "server shutting down");
    this.bySocket.clear();
    this.byUser.clear();
  }
}
