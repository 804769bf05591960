import {
  ConversationSchema,
  MessageSchema,
  MoneySchema,
  type Order,
  type TimelineItem,
} from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { api, describeError, read } from "../../lib/api";
import { formatDateTime, formatMoney } from "../../lib/format";
import { formatFileSize, orderKeys, orderTimelineQueryOptions } from "../../lib/orders";
import { Button } from "../Button";
import { ErrorState } from "../ErrorState";
import { FormAlert } from "../FormAlert";
import { AlertIcon } from "../icons";
import { LoadingRegion, Skeleton } from "../Skeleton";
import { TextAreaField } from "../TextField";

type OrderEvent = Extract<TimelineItem, { type: "event" }>["event"];
type Message = Extract<TimelineItem, { type: "message" }>["message"];

/** Everything that happened to the order and the messages about it, oldest first, with a reply box. */
export function OrderTimeline({ order }: { order: Order }) {
  const timeline = useQuery({ ...orderTimelineQueryOptions(order.id), refetchInterval: 20_000 });

  return (
    <section
      aria-labelledby="timeline-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="timeline-title" className="text-lg font-semibold text-stone-900">
        Timeline
      </h2>
      {timeline.isPending ? (
        <LoadingRegion label="Loading the timeline">
          <div className="mt-4 space-y-4">
            {[0, 1, 2].map((i) => (
              <div key={i} className="flex gap-3">
                <Skeleton className="size-3 rounded-full" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-4 w-2/3" />
                  <Skeleton className="h-3 w-1/3" />
                </div>
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : timeline.isError ? (
        <ErrorState
          className="mt-4"
          title="The timeline couldn’t load"
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
          retrying={timeline.isFetching}
        />
      ) : (
        <>
          <ol className="relative mt-5 space-y-5 border-l border-stone-200 pl-5">
            {timeline.data.data.map((item) =>
              item.type === "event" ? (
                <EventItem key={item.event.id} event={item.event} order={order} />
              ) : (
                <MessageItem key={item.message.id} message={item.message} order={order} />
              ),
            )}
          </ol>
          {order.viewerRole === "admin" ? null : (
            <MessageComposer order={order} conversationId={timeline.data.conversationId} />
          )}
        </>
      )}
    </section>
  );
}

function nameOf(order: Order, username: string | null, role: string): string {
  if (role === "system") return "Atelier";
  if (role === order.viewerRole) return "You";
  if (role === "admin") return "An admin";
  if (username === order.buyer.username) return order.buyer.displayName;
  if (username === order.seller.username) return order.seller.displayName;
  return username ?? "Someone";
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function money(value: unknown): string {
  const parsed = MoneySchema.safeParse(value);
  return parsed.success ? formatMoney(parsed.data) : "";
}

function days(value: unknown): string {
  return typeof value === "number" ? (value === 1 ? "1 more day" : `${value} more days`) : "more days";
}

/** One event as a sentence, with the words the person wrote (a reason, a revision note) beneath it. */
function describeEvent(event: OrderEvent, order: Order): { title: string; quote?: string; tone?: "alert" } {
  const who = nameOf(order, event.actor.username, event.actor.role);
  const d = event.data;
  switch (event.kind) {
    case "placed":
      return {
        title: `${who} placed the order and paid ${money(d.total) || "the total"} into escrow${d.payment === "balance" ? " with credits" : ""}.`,
      };
    case "submit_requirements":
      return { title: `${who} sent the requirements. The delivery clock started.` };
    case "start_work":
      return { title: `${who} started the work. The delivery clock started.` };
    case "flag_late":
      return { title: "The due time passed without a delivery: the order is late.", tone: "alert" };
    case "deliver":
      return { title: `${who} delivered the work.` };
    case "request_revision":
      return { title: `${who} asked for a revision.`, quote: text(d.message) };
    case "accept":
      return { title: `${who} accepted the delivery. The payment was released to the seller.` };
    case "auto_complete":
      return { title: "The order completed automatically, 3 days after the delivery." };
    case "late_cancel":
      return { title: `${who} cancelled the late order. The buyer got a full refund as credits.` };
    case "request_cancellation":
      return { title: `${who} asked to cancel the order.`, quote: text(d.reason) };
    case "accept_cancellation":
      return { title: `${who} agreed to cancel. The buyer got a full refund as credits.` };
    case "auto_accept_cancellation":
      return {
        title:
          "The cancellation request went unanswered for 48 hours and was accepted. Full refund as credits.",
      };
    case "decline_cancellation":
      return { title: `${who} declined the cancellation request. The order goes on.` };
    case "request_extension":
      return { title: `${who} asked for ${days(d.days)}.`, quote: text(d.reason) };
    case "accept_extension":
      return { title: `${who} granted ${days(d.days)}. The due time moved.` };
    case "decline_extension":
      return { title: `${who} declined the extension.` };
    case "lapse_extension":
      return { title: "The extension request went unanswered and lapsed." };
    case "open_dispute":
      return {
        title: `${who} opened a dispute. The order is on hold until an admin resolves it.`,
        quote: text(d.reason),
        tone: "alert",
      };
    case "suspend_dispute":
      return {
        title: "An admin suspended one of the parties. The order is on hold until an admin reviews it.",
        quote: text(d.reason),
        tone: "alert",
      };
    // The admin's note to both parties is the quote (older events kept none).
    case "resolve_complete":
      return {
        title: `An admin resolved the dispute: the order is complete and the seller is paid${money(d.sellerEarnings) ? ` ${money(d.sellerEarnings)}` : ""}.`,
        quote: text(d.note) || text(d.reason),
      };
    case "resolve_cancel":
      return {
        title: `An admin resolved the dispute: the order is cancelled with a full refund${money(d.buyerRefund) ? ` of ${money(d.buyerRefund)} as credits` : ""}.`,
        quote: text(d.note) || text(d.reason),
      };
    case "resolve_split":
      return {
        title: `An admin resolved the dispute with a split: ${money(d.buyerRefund) || "part"} back to the buyer as credits, ${money(d.sellerEarnings) || "the rest"} to the seller.`,
        quote: text(d.note) || text(d.reason),
      };
    case "start_milestones":
      return { title: "Work started on the first milestone. The delivery clock started." };
    case "milestone_start":
      return { title: `Milestone “${text(d.title)}” started.` };
    case "milestone_deliver":
      return { title: `${who} delivered the milestone “${text(d.title)}”.` };
    case "milestone_request_revision":
      return { title: `${who} asked for a revision of “${text(d.title)}”.`, quote: text(d.message) };
    case "milestone_accept":
      return {
        title: `${who} accepted the milestone “${text(d.title)}”. Its share was released to the seller${money(d.sellerEarnings) ? ` (${money(d.sellerEarnings)} after commission)` : ""}.`,
      };
    case "milestone_auto_accept":
      return {
        title: `The milestone “${text(d.title)}” was accepted automatically, 3 days after its delivery.`,
      };
    case "milestone_settle":
      return {
        title: `The milestone “${text(d.title)}” was released to the seller by the admin’s decision.`,
      };
    case "milestone_cancel":
      return {
        title: `The milestone “${text(d.title)}” was refunded${money(d.refund) ? ` (${money(d.refund)} as credits)` : ""}.`,
      };
    case "milestone_split":
      return {
        title: `The milestone “${text(d.title)}” ended with the admin’s split: what it held was divided between the buyer and the seller.`,
      };
    case "milestone_cleared":
      return { title: `The earnings of the milestone “${text(d.title)}” cleared.` };
    case "complete_milestones":
      return { title: "Every milestone was accepted: the order is complete." };
    case "admin_cancel":
      return {
        title: "An admin cancelled the order. The buyer got a full refund as credits.",
        quote: text(d.reason),
      };
    case "cleared":
      return { title: `The seller’s earnings${money(d.amount) ? ` of ${money(d.amount)}` : ""} cleared.` };
    case "tip":
      // The buyer also reads the service fee the tip carried and what was charged in all.
      return {
        title:
          order.viewerRole === "buyer" && money(d.serviceFee)
            ? `${who} left a tip of ${money(d.amount)} (service fee ${money(d.serviceFee)}, ${money(d.total)} charged). Thank you!`
            : `${who} left a tip${money(d.amount) ? ` of ${money(d.amount)}` : ""}. Thank you!`,
      };
    default:
      return { title: `${who}: ${event.kind.replace(/_/g, " ")}.` };
  }
}

function EventItem({ event, order }: { event: OrderEvent; order: Order }) {
  const { title, quote, tone } = describeEvent(event, order);
  return (
    <li className="relative">
      <span
        aria-hidden="true"
        className={`absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white ${tone === "alert" ? "bg-red-500" : "bg-brand-500"}`}
      />
      <p className="text-stone-800">{title}</p>
      {quote ? (
        <blockquote className="mt-1.5 border-l-2 border-stone-200 pl-3 whitespace-pre-line text-stone-700">
          {quote}
        </blockquote>
      ) : null}
      <p className="mt-0.5 text-sm text-stone-500">
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
      </p>
    </li>
  );
}

function MessageItem({ message, order }: { message: Message; order: Order }) {
  const senderRole = message.sender.username === order.buyer.username ? "buyer" : "seller";
  const name = nameOf(order, message.sender.username, senderRole);
  const mine = senderRole === order.viewerRole;
  return (
    <li className="relative">
      <span
        aria-hidden="true"
        className="absolute top-3 -left-[1.6rem] size-2.5 rounded-full bg-stone-300 ring-4 ring-white"
      />
      <div className={`rounded-2xl px-4 py-3 ${mine ? "bg-brand-50" : "bg-stone-100"}`}>
        <p className="text-sm font-medium text-stone-900">{name}</p>
        <p className="mt-1 whitespace-pre-line break-words text-stone-800">{message.body}</p>
        {message.files.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-2">
            {message.files.map((file) => (
              <li key={file.id}>
                <a href={file.url} download={file.name} className="text-sm text-brand-800 underline">
                  {file.name} ({formatFileSize(file.size)})
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {message.warning ? (
          <p className="mt-2 flex items-start gap-2 text-sm text-amber-900">
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {message.warning}
          </p>
        ) : null}
      </div>
      <p className="mt-0.5 text-sm text-stone-500">
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      </p>
    </li>
  );
}

function MessageComposer({
  order,
  conversationId,
}: {
  order: Order;
  conversationId: string | null;
}): ReactNode {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [draft, setDraft] = useState("");
  const other = order.viewerRole === "seller" ? order.buyer : order.seller;

  const send = useMutation({
    mutationFn: async (body: string) => {
      let id = conversationId;
      if (!id) {
        const conversation = await read(
          ConversationSchema,
          api.POST("/api/conversations", { body: { username: other.username } }),
        );
        id = conversation.id;
      }
      return read(
        MessageSchema,
        api.POST("/api/conversations/{id}/messages", {
          params: { path: { id } },
          body: { body, orderId: order.id },
        }),
      );
    },
    onMutate: () => setError(null),
    onSuccess: () => {
      setDraft("");
      void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(order.id) });
    },
    onError: (e) => setError(describeError(e)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) {
      setFieldError("Write a message first.");
      return;
    }
    setFieldError(undefined);
    send.mutate(body);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="mt-6 space-y-3 border-t border-stone-100 pt-5">
      {error ? <FormAlert>{error}</FormAlert> : null}
      <TextAreaField
        label={`Message ${other.displayName}`}
        name="body"
        rows={3}
        maxLength={5000}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
        hint="Keep the conversation on Atelier: your payment is only protected here."
        error={fieldError}
      />
      <Button type="submit" variant="secondary" loading={send.isPending}>
        Send message
      </Button>
    </form>
  );
}
