import type { Conversation } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { Avatar } from "../../components/Avatar";
import { formatRelativeTime } from "../../lib/format";
import { badgeCount } from "../../lib/messaging";

export function ConversationItem({
  conversation,
  selected,
}: {
  conversation: Conversation;
  selected: boolean;
}) {
  const { participant, lastMessage, unreadCount } = conversation;
  const preview = lastMessage
    ? lastMessage.flags.length > 0
      ? "Message flagged for sharing contact details"
      : lastMessage.body || (lastMessage.files.length > 0 ? "Sent a file" : "")
    : conversation.gig
      ? `About “${conversation.gig.title}”`
      : "No messages yet";
  return (
    <Link
      to="/inbox/$conversationId"
      params={{ conversationId: conversation.id }}
      aria-current={selected ? "page" : undefined}
      className={`flex gap-3 rounded-xl px-3 py-3 transition-colors ${selected ? "bg-brand-50 ring-1 ring-brand-200" : "hover:bg-stone-100"}`}
    >
      <Avatar name={participant.displayName} />
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline justify-between gap-2">
          <span
            className={`truncate text-sm ${unreadCount > 0 ? "font-semibold text-stone-900" : "font-medium text-stone-800"}`}
          >
            {participant.displayName}
          </span>
          <time dateTime={conversation.lastActivityAt} className="shrink-0 text-xs text-stone-600">
            {formatRelativeTime(conversation.lastActivityAt)}
          </time>
        </span>
        <span className="mt-0.5 flex items-center justify-between gap-2">
          <span className="truncate text-sm text-stone-600">{preview}</span>
          {unreadCount > 0 ? (
            <span className="grid h-5 min-w-5 shrink-0 place-items-center rounded-full bg-brand-700 px-1.5 text-[11px] font-semibold text-white">
              {badgeCount(unreadCount)}
              <span className="sr-only"> unread</span>
            </span>
          ) : null}
        </span>
      </span>
    </Link>
  );
}
