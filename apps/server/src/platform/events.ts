import type { Queryable } from "../db/client";

/**
 * Domain events, raised inside the transaction of the change they describe.
 * - In-transaction subscribers (notifications, metrics) write their rows in that same transaction.
 * - Once the transaction has committed, the event is published with `pg_notify` to every server
 *   process LISTENing (the real-time module pushes it to the right users' sockets). A rolled-back
 *   change publishes nothing.
 *
 * `DomainEvent` is the one union of every event the code raises: a publisher's `data` is checked
 * against its type, and a subscriber to a type receives that type's events (an unknown type does
 * not compile). Add a member here before raising a new event.
 */
interface Event<T extends string, D> {
  type: T;
  /** Users who should hear of it (their open sockets receive it). */
  userIds: readonly string[];
  data: D;
}

export type DomainEvent =
  | Event<
      "order.updated",
      {
        orderId: string;
        /** The transition (or money event: `placed`, `cleared`, `tip`) that changed the order. */
        kind: string;
        status: string;
        actorId: string | null;
        gigTitle: string;
        buyerId: string;
        sellerId: string;
      }
    >
  | Event<"review.published", { reviewId: string; orderId: string; side: string; rating: number }>
  | Event<
      "review.created",
      {
        reviewId: string;
        orderId: string;
        side: string;
        rating: number;
        authorId?: string;
        authorUsername?: string;
        gigTitle?: string;
      }
    >
  | Event<"level.changed", { from: string; to: string; promoted: boolean }>
  | Event<
      "message.created",
      {
        conversationId: string;
        messageId: string;
        senderId: string;
        recipientId: string;
        senderUsername: string;
        orderId: string | null;
        preview: string | null;
        /** The message itself, for the sockets of its participants (omitted when too large). */
        message?: unknown;
      }
    >
  | Event<
      "message.flagged",
      { conversationId: string; messageId: string; senderId: string; senderUsername: string }
    >
  /** A custom offer changed status (made, withdrawn, declined, expired, accepted): both parties hear. */
  | Event<
      "offer.updated",
      {
        offerId: string;
        conversationId: string;
        status: string;
        actorId: string | null;
        title: string;
        buyerId: string;
        sellerId: string;
        orderId: string | null;
      }
    >
  /** A brief was sent to the sellers named in `userIds`. */
  | Event<"brief.matched", { briefId: string; title: string; buyerUsername: string }>
  | Event<"gig.denied", { gigId: string; gigTitle: string; reason: string }>
  | Event<"report.opened", { reportId: string; kind: string; subjectUsername: string }>
  | Event<
      "conversation.read",
      { conversationId: string; readerId: string; readAt: string; upTo: string | null }
    >
  | Event<"notification.created", { notification: unknown; unreadCount: number }>
  /** Sessions or tokens of the users were ended: their open sockets recheck their credentials now. */
  | Event<"credentials.revoked", { reason: string }>
  /** An account was deleted and anonymised: modules above identity (search) refresh what they keep. */
  | Event<"account.deleted", { userId: string }>;

export type EventType = DomainEvent["type"];
/** The event of one type. */
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/**
 * Receives the events of one type raised together in one transaction (one, or one per order of a
 * batch of checkouts), so that it can write its rows for all of them in a few statements.
 */
export type EventSubscriber<E extends DomainEvent = DomainEvent> = (
  tx: Queryable,
  events: readonly E[],
  at: Date,
) => Promise<void>;

export const EVENTS_CHANNEL = "atelier_events";

/**
 * Sends a batch of payloads on EVENTS_CHANNEL (one statement, outside any transaction). Publishing
 * after commit rather than with `pg_notify` inside the transaction matters: PostgreSQL serialises
 * every committing transaction that has sent a NOTIFY on one database-wide lock held through its WAL
 * flush, which capped checkouts at one commit per disk sync.
 */
export type Publisher = (payloads: string[]) => Promise<void>;

/**
 * Collects items and hands everything collected in one tick of the event loop to `flush` at once:
 * after-commit publishing sends one statement however many transactions committed in that tick.
 */
export function perTick<T>(flush: (items: T[]) => void): (item: T) => void {
  let queue: T[] = [];
  return (item) => {
    queue.push(item);
    if (queue.length > 1) return;
    setImmediate(() => {
      const batch = queue;
      queue = [];
      flush(batch);
    });
  };
}

/** NOTIFY payloads are limited to 8000 bytes: events carry ids and small facts; clients fetch the rest. */
function payloadOf(event: DomainEvent): string {
  const payload = JSON.stringify({ type: event.type, userIds: event.userIds, data: event.data });
  return payload.length < 7900
    ? payload
    : JSON.stringify({ type: event.type, userIds: event.userIds, data: {} });
}

export class EventBus {
  private readonly subscribers = new Map<string, EventSubscriber<never>[]>();
  /** Payloads committed in the same tick go out in one statement. */
  private readonly enqueue: (payload: string) => void;
  /** The publishes under way, so that closing the database can wait for them. */
  private readonly publishing = new Set<Promise<void>>();

  constructor(
    publisher: Publisher = async () => undefined,
    onPublishError: (e: unknown) => void = () => undefined,
  ) {
    this.enqueue = perTick((batch: string[]) => {
      const sent = publisher(batch).catch(onPublishError);
      this.publishing.add(sent);
      void sent.finally(() => this.publishing.delete(sent));
    });
  }

  /** Resolves when everything committed so far has been published (call before closing the database). */
  async drained(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(this.publishing);
  }

  /** Subscribes to one event type, or to every type with `"*"`. */
  subscribe<T extends EventType>(type: T, subscriber: EventSubscriber<EventOf<T>>): void;
  subscribe(type: "*", subscriber: EventSubscriber): void;
  subscribe(type: string, subscriber: EventSubscriber<never>): void {
    const list = this.subscribers.get(type) ?? [];
    list.push(subscriber);
    this.subscribers.set(type, list);
  }

  emit(tx: Queryable, event: DomainEvent, at: Date): Promise<void> {
    return this.emitMany(tx, [event], at);
  }

  /**
   * Publishes events of a change that has committed (from an `afterCommit` hook) to the live
   * sockets only: no in-transaction subscriber sees them. For facts known only from the answer of
   * a statement nobody waited for before the COMMIT.
   */
  publishCommitted(events: readonly DomainEvent[]): void {
    for (const event of events) this.enqueue(payloadOf(event));
  }

  /** Raises several events at once (all of one type, or not: each subscriber sees its own type's). */
  async emitMany(tx: Queryable, events: readonly DomainEvent[], at: Date): Promise<void> {
    const types = [...new Set(events.map((e) => e.type))];
    for (const type of types) {
      const ofType = events.filter((e) => e.type === type);
      for (const subscriber of [
        ...(this.subscribers.get(type) ?? []),
        ...(this.subscribers.get("*") ?? []),
      ]) {
        // Each list holds subscribers of its own type (or of all): `ofType` is what they asked for.
        await (subscriber as EventSubscriber)(tx, ofType, at);
      }
    }
    for (const event of events) {
      const sent = payloadOf(event);
      // A rolled-back change publishes nothing; a crash between commit and publish loses only the live
      // push (open pages catch up when they reconnect, and everything pushed is also stored).
      tx.afterCommit(() => this.enqueue(sent));
    }
  }
}
