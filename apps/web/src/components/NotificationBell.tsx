import type { Notification } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useRouter } from "@tanstack/react-router";
import { useEffect, useId, useRef, useState, type MouseEvent } from "react";
import { formatRelativeTime } from "../lib/format";
import {
  badgeCount,
  conversationListQueryOptions,
  markNotificationsRead,
  messagingKeys,
  notificationListQueryOptions,
} from "../lib/messaging";

function BellIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function ChatIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" />
    </svg>
  );
}

function Badge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span
      aria-hidden="true"
      className="absolute -top-1 -right-1 grid h-5 min-w-5 place-items-center rounded-full bg-brand-700 px-1 text-[11px] leading-none font-semibold text-white ring-2 ring-white"
    >
      {badgeCount(count)}
    </span>
  );
}

const iconButton =
  "relative grid size-9 place-items-center rounded-full text-stone-700 transition-colors hover:bg-stone-100 hover:text-stone-900 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** The header's link to the inbox, with the number of unread messages. */
export function InboxLink() {
  const conversations = useQuery(conversationListQueryOptions);
  const unread = conversations.data?.unreadTotal ?? 0;
  return (
    <Link
      to="/inbox"
      className={iconButton}
      aria-label={unread > 0 ? `Inbox, ${unread} unread` : "Inbox"}
      activeProps={{ "aria-current": "page" }}
    >
      <ChatIcon />
      <Badge count={unread} />
    </Link>
  );
}

/**
 * The bell: a disclosure button whose label carries the unread count, and a panel listing the
 * newest notifications. Opening one marks it read and follows its link; Escape and clicks outside close it.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const notifications = useQuery(notificationListQueryOptions);
  const unread = notifications.data?.unreadCount ?? 0;

  const markRead = useMutation({
    mutationFn: markNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList }),
  });

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  function openNotification(event: MouseEvent<HTMLAnchorElement>, notification: Notification) {
    if (notification.readAt === null) markRead.mutate({ ids: [notification.id] });
    setOpen(false);
    if (!notification.link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    router.history.push(notification.link);
  }

  const items = notifications.data?.data ?? [];
  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className={iconButton}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread"}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        <Badge count={unread} />
      </button>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-labelledby={headingId}
        className="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-2 shadow-lg shadow-stone-900/5"
      >
        <div className="flex items-center justify-between gap-3 border-b border-stone-100 px-3 pt-1 pb-2">
          <h2 id={headingId} className="text-sm font-semibold text-stone-900">
            Notifications
          </h2>
          {unread > 0 ? (
            <button
              type="button"
              className="rounded-md px-2 py-1 text-sm font-medium text-brand-800 hover:bg-brand-50"
              disabled={markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          ) : null}
        </div>
        {notifications.isPending ? (
          <p className="px-3 py-6 text-center text-sm text-stone-600">Loading…</p>
        ) : notifications.isError ? (
          <p className="px-3 py-6 text-center text-sm text-red-700">Notifications couldn’t load.</p>
        ) : items.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-stone-600">Nothing new. You’re all caught up.</p>
        ) : (
          <ul className="max-h-96 space-y-0.5 overflow-y-auto py-1">
            {items.map((notification) => (
              <li key={notification.id}>
                <a
                  href={notification.link ?? "#"}
                  onClick={(event) => openNotification(event, notification)}
                  className="flex gap-3 rounded-lg px-3 py-2 text-sm hover:bg-stone-100 focus-visible:bg-stone-100"
                >
                  <span
                    aria-hidden="true"
                    className={`mt-1.5 size-2 shrink-0 rounded-full ${notification.readAt === null ? "bg-brand-600" : "bg-transparent"}`}
                  />
                  <span className="min-w-0 flex-1">
                    <span
                      className={`block ${notification.readAt === null ? "font-semibold text-stone-900" : "text-stone-800"}`}
                    >
                      {notification.readAt === null ? <span className="sr-only">Unread: </span> : null}
                      {notification.title}
                      {notification.count > 1 ? ` (${notification.count})` : ""}
                    </span>
                    {notification.body ? (
                      <span className="mt-0.5 line-clamp-2 block text-stone-600">{notification.body}</span>
                    ) : null}
                    <span className="mt-0.5 block text-xs text-stone-600">
                      <time dateTime={notification.createdAt}>
                        {formatRelativeTime(notification.createdAt)}
                      </time>
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <div className="border-t border-stone-100 px-3 pt-2 pb-1">
          <Link
            to="/settings/notifications"
            className="text-sm font-medium text-brand-800 hover:underline"
            onClick={() => setOpen(false)}
          >
            Notification settings
          </Link>
        </div>
      </div>
    </div>
  );
}
