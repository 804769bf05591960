import type { Queryable } from "../db/client";

/**
 * Domain events, raised inside the transaction of the change they describe.
 * - In-transaction subscribers (notifications, metrics) write their rows in that same transaction.
 * - After the subscribers, the event is published with `pg_notify`, which PostgreSQL delivers only
 *   when the transaction commits, to every server process LISTENing (the real-time module pushes it
 *   to the right users' sockets). A rolled-back change publishes nothing.
 */
export interface DomainEvent {
  type: string;
  /** Users who should hear of it (their open sockets receive it). */
  userIds: readonly string[];
  data: Record<string, unknown>;
}

export type EventSubscriber = (tx: Queryable, event: DomainEvent, at: Date) => Promise<void>;

export const EVENTS_CHANNEL = "atelier_events";

export class EventBus {
  private readonly subscribers = new Map<string, EventSubscriber[]>();

  /** Subscribes to one event type, or to every type with `"*"`. */
  subscribe(type: string, subscriber: EventSubscriber): void {
    const list = this.subscribers.get(type) ?? [];
    list.push(subscriber);
    this.subscribers.set(type, list);
  }

  async emit(tx: Queryable, event: DomainEvent, at: Date): Promise<void> {
    for (const subscriber of [
      ...(this.subscribers.get(event.type) ?? []),
      ...(this.subscribers.get("*") ?? []),
    ]) {
      await subscriber(tx, event, at);
    }
    // NOTIFY payloads are limited to 8000 bytes: events carry ids and small facts; clients fetch the rest.
    const payload = JSON.stringify({ type: event.type, userIds: event.userIds, data: event.data });
    await tx.query("SELECT pg_notify($1, $2)", [
      EVENTS_CHANNEL,
      payload.length < 7900
        ? payload
        : JSON.stringify({ type: event.type, userIds: event.userIds, data: {} }),
    ]);
  }
}
