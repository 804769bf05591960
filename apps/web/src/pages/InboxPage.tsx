import type { Conversation, Me, Message } from "@atelier/contracts";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Navigate } from "@tanstack/react-router";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Avatar } from "../components/Avatar";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { AlertIcon } from "../components/icons";
import { LoadingRegion, PageSkeleton, Skeleton } from "../components/Skeleton";
import { describeError, isApiError, uploadFile } from "../lib/api";
import { formatDateTime, formatRelativeTime } from "../lib/format";
import {
  badgeCount,
  conversationListQueryOptions,
  conversationQueryOptions,
  markConversationRead,
  messagesQueryOptions,
  messagingKeys,
  OFF_PLATFORM_WARNING,
  openConversation,
  sendMessage,
} from "../lib/messaging";
import { formatFileSize } from "../lib/orders";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const MAX_FILES = 10;
const MAX_BODY = 5000;

export interface InboxPageProps {
  /** The open conversation (`/inbox/:conversationId`). */
  conversationId?: string | undefined;
  /** `/inbox?to=<username>&gigId=<id>`: open (or start) the conversation with that user. */
  to?: string | undefined;
  gigId?: string | undefined;
}

/** The inbox: conversations on the left, the open thread on the right (one at a time on phones). */
export function InboxPage({ conversationId, to, gigId }: InboxPageProps) {
  const me = useMe();
  usePageTitle("Inbox");
  if (!me.data) return <PageSkeleton label="Loading inbox" />;
  if (to && !conversationId) return <OpenConversation username={to} gigId={gigId} me={me.data} />;

  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:px-6 md:grid-cols-[20rem_minmax(0,1fr)]">
      <section aria-labelledby="inbox-title" className={conversationId ? "hidden md:block" : undefined}>
        <h1 id="inbox-title" className="font-display text-3xl font-semibold tracking-tight text-stone-900">
          Inbox
        </h1>
        <ConversationList selectedId={conversationId} />
      </section>
      <div className={conversationId ? undefined : "hidden md:block"}>
        {conversationId ? (
          <Thread key={conversationId} conversationId={conversationId} me={me.data} />
        ) : (
          <div className="grid h-full min-h-80 place-items-center rounded-2xl border border-dashed border-stone-300 bg-white/60 p-8 text-center text-stone-600">
            <p>Choose a conversation to read it and reply.</p>
          </div>
        )}
      </div>
    </div>
  );
}

/** Opens the conversation with `username` (201 new, 200 existing), then shows it at its own address. */
function OpenConversation({ username, gigId, me }: { username: string; gigId: string | undefined; me: Me }) {
  // A query rather than a mutation: the POST is repeatable (same conversation each time), and this
  // runs it once per address even when React mounts the component twice.
  const opened = useQuery({
    queryKey: ["conversations", "open", username, gigId ?? null],
    queryFn: () => openConversation(username, gigId),
    enabled: username !== me.username,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  if (username === me.username) {
    return (
      <div className="px-4 py-16 sm:px-6">
        <EmptyState
          title="This is you"
          headingLevel={1}
          action={<ButtonLink to="/inbox">Go to your inbox</ButtonLink>}
        >
          <p>You can’t send messages to yourself.</p>
        </EmptyState>
      </div>
    );
  }
  if (opened.isError) {
    const notSeller = isApiError(opened.error, 403);
    return (
      <div className="px-4 py-16 sm:px-6">
        <EmptyState
          title={
            notSeller ? "You can’t start a conversation with this member" : "This conversation couldn’t open"
          }
          headingLevel={1}
          action={<ButtonLink to="/inbox">Go to your inbox</ButtonLink>}
        >
          <p>
            {notSeller
              ? `@${username} doesn’t sell on Atelier. You can message sellers, and anyone you share an order with.`
              : describeError(opened.error)}
          </p>
        </EmptyState>
      </div>
    );
  }
  if (opened.data) {
    return <Navigate to="/inbox/$conversationId" params={{ conversationId: opened.data.id }} replace />;
  }
  return <PageSkeleton label="Opening the conversation" />;
}

function ConversationList({ selectedId }: { selectedId: string | undefined }) {
  const conversations = useQuery(conversationListQueryOptions);

  if (conversations.isPending) {
    return (
      <LoadingRegion label="Loading conversations">
        <div className="mt-6 space-y-3">
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} className="h-16 w-full rounded-xl" />
          ))}
        </div>
      </LoadingRegion>
    );
  }
  if (conversations.isError) {
    return (
      <ErrorState
        className="mt-6"
        title="Conversations couldn’t load"
        error={conversations.error}
        onRetry={() => void conversations.refetch()}
        retrying={conversations.isFetching}
      />
    );
  }
  const items = conversations.data.data;
  if (items.length === 0) {
    return (
      <EmptyState
        className="mt-6"
        title="No messages yet"
        action={
          <ButtonLink to="/search" variant="secondary">
            Browse services
          </ButtonLink>
        }
      >
        <p>Questions about a gig? Use “Contact seller” on its page and the conversation shows up here.</p>
      </EmptyState>
    );
  }
  return (
    <nav aria-label="Conversations" className="mt-6">
      <ul className="space-y-1">
        {items.map((conversation) => (
          <li key={conversation.id}>
            <ConversationItem conversation={conversation} selected={conversation.id === selectedId} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ConversationItem({ conversation, selected }: { conversation: Conversation; selected: boolean }) {
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

function Thread({ conversationId, me }: { conversationId: string; me: Me }) {
  const queryClient = useQueryClient();
  const conversation = useQuery(conversationQueryOptions(conversationId));
  const messages = useInfiniteQuery(messagesQueryOptions(conversationId));
  const scrollRef = useRef<HTMLDivElement>(null);
  const markedRef = useRef<string | null>(null);

  // Pages come newest first and each page is newest first: reversed, the thread reads top to bottom.
  const items = (messages.data?.pages.flatMap((page) => page.data) ?? []).slice().reverse();
  const newest = items.at(-1);
  const newestUnread = items.findLast((m) => m.sender.username !== me.username && m.readAt === null);

  useEffect(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newest?.id]);

  const markRead = useMutation({
    mutationFn: (upTo: string) => markConversationRead(conversationId, upTo),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.notificationList });
    },
  });
  const { mutate: markReadUpTo } = markRead;
  useEffect(() => {
    if (!newestUnread || markedRef.current === newestUnread.id) return;
    markedRef.current = newestUnread.id;
    markReadUpTo(newestUnread.id);
  }, [newestUnread, markReadUpTo]);

  if (conversation.isError) {
    return (
      <ErrorState
        headingLevel={2}
        title={
          isApiError(conversation.error, 404) ? "Conversation not found" : "This conversation couldn’t load"
        }
        error={conversation.error}
        onRetry={() => void conversation.refetch()}
        retrying={conversation.isFetching}
      />
    );
  }
  if (conversation.isPending) {
    return (
      <LoadingRegion label="Loading the conversation">
        <Skeleton className="h-96 w-full rounded-2xl" />
      </LoadingRegion>
    );
  }
  const { participant, gig } = conversation.data;
  const lastMine = items.findLast((m) => m.sender.username === me.username);

  return (
    <section
      aria-labelledby="thread-title"
      className="flex h-[min(44rem,calc(100dvh-9rem))] flex-col rounded-2xl border border-stone-200 bg-white"
    >
      <header className="flex items-center gap-3 border-b border-stone-100 px-4 py-3">
        <Link
          to="/inbox"
          className="rounded-md px-1 text-sm font-medium text-brand-800 hover:underline md:hidden"
        >
          <span aria-hidden="true">←</span> Inbox
        </Link>
        <Avatar name={participant.displayName} size="sm" />
        <div className="min-w-0 flex-1">
          <h2 id="thread-title" className="truncate font-semibold text-stone-900">
            {participant.displayName}
          </h2>
          <p className="truncate text-sm text-stone-600">
            <Link
              to="/users/$username"
              params={{ username: participant.username }}
              className="hover:text-brand-800 hover:underline"
            >
              @{participant.username}
            </Link>
            {gig ? (
              <>
                {" · about "}
                <Link
                  to="/gigs/$gigId"
                  params={{ gigId: gig.id }}
                  className="font-medium text-stone-800 hover:text-brand-800 hover:underline"
                >
                  {gig.title}
                </Link>
              </>
            ) : null}
          </p>
        </div>
      </header>

      <div ref={scrollRef} className="flex-1 overflow-y-auto px-4 py-4">
        {messages.hasNextPage ? (
          <div className="mb-4 text-center">
            <Button
              variant="ghost"
              size="sm"
              loading={messages.isFetchingNextPage}
              onClick={() => void messages.fetchNextPage()}
            >
              Show earlier messages
            </Button>
          </div>
        ) : null}
        {messages.isPending ? (
          <LoadingRegion label="Loading messages">
            <div className="space-y-3">
              <Skeleton className="h-12 w-2/3 rounded-2xl" />
              <Skeleton className="ml-auto h-12 w-1/2 rounded-2xl" />
            </div>
          </LoadingRegion>
        ) : messages.isError ? (
          <ErrorState
            title="Messages couldn’t load"
            error={messages.error}
            onRetry={() => void messages.refetch()}
            retrying={messages.isFetching}
          />
        ) : (
          <div role="log" aria-label={`Messages with ${participant.displayName}`} aria-live="polite">
            {items.length === 0 ? (
              <p className="py-10 text-center text-sm text-stone-600">
                Say hello to {participant.displayName}. Describe what you need, your timeline and your budget.
              </p>
            ) : (
              <ol className="space-y-4">
                {items.map((message) => (
                  <MessageItem
                    key={message.id}
                    message={message}
                    mine={message.sender.username === me.username}
                    senderName={message.sender.username === me.username ? "You" : participant.displayName}
                    showReceipt={message.id === lastMine?.id}
                  />
                ))}
              </ol>
            )}
          </div>
        )}
      </div>

      <Composer conversationId={conversationId} recipientName={participant.displayName} />
    </section>
  );
}

function MessageItem({
  message,
  mine,
  senderName,
  showReceipt,
}: {
  message: Message;
  mine: boolean;
  senderName: string;
  showReceipt: boolean;
}) {
  const flagged = message.flags.includes("off_platform_contact");
  return (
    <li className={`flex flex-col ${mine ? "items-end" : "items-start"}`}>
      <p className="mb-1 text-xs text-stone-600">
        <span className="font-medium text-stone-700">{senderName}</span>
        {" · "}
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
          {formatRelativeTime(message.createdAt)}
        </time>
      </p>
      <div
        className={`max-w-[85%] rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed ${mine ? "rounded-br-md bg-brand-700 text-white" : "rounded-bl-md bg-stone-100 text-stone-900"}`}
      >
        {/* Plain text, rendered as text: React escapes it, and line breaks are kept by CSS. */}
        <p className="break-words whitespace-pre-wrap">{message.body}</p>
        {message.files.length > 0 ? (
          <ul aria-label="Attachments" className="mt-2 space-y-1">
            {message.files.map((file) => (
              <li key={file.id}>
                <a
                  href={file.url}
                  download={file.name}
                  className={`inline-flex items-center gap-1.5 rounded-md text-sm font-medium underline underline-offset-2 ${mine ? "text-white" : "text-brand-800"}`}
                >
                  <PaperclipIcon />
                  {file.name}
                  <span className={mine ? "text-brand-100" : "text-stone-600"}>
                    ({formatFileSize(file.size)})
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {flagged ? (
        <div
          role="note"
          className="mt-2 flex max-w-[85%] items-start gap-2 rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-semibold">Keep payments and contact on Atelier</p>
            <p>{message.warning ?? OFF_PLATFORM_WARNING}</p>
          </div>
        </div>
      ) : null}
      {mine && showReceipt ? (
        <p className="mt-1 text-xs text-stone-600">
          {message.readAt ? `Read ${formatRelativeTime(message.readAt)}` : "Sent"}
        </p>
      ) : null}
    </li>
  );
}

function PaperclipIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="size-4"
      aria-hidden="true"
      focusable="false"
    >
      <path d="m21 11-8.6 8.6a5 5 0 0 1-7-7l8.5-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.3-2.4l7.9-7.9" />
    </svg>
  );
}

function Composer({ conversationId, recipientName }: { conversationId: string; recipientName: string }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const textId = useId();
  const fileId = useId();
  const hintId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);

  const send = useMutation({
    mutationFn: async () => {
      const fileIds: string[] = [];
      for (const file of files) fileIds.push((await uploadFile(file)).id);
      return sendMessage(conversationId, { body: body.trim(), fileIds });
    },
    onSuccess: () => {
      setBody("");
      setFiles([]);
      if (fileInputRef.current) fileInputRef.current.value = "";
      void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(conversationId) });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
    },
  });

  const trimmed = body.trim();
  const tooMany = files.length > MAX_FILES;
  const canSend = trimmed.length > 0 && trimmed.length <= MAX_BODY && !tooMany && !send.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (canSend) send.mutate();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 border-t border-stone-100 px-4 py-3" aria-label="Reply">
      {send.isError ? <FormAlert>{describeError(send.error)}</FormAlert> : null}
      <div>
        <label htmlFor={textId} className="sr-only">
          Message to {recipientName}
        </label>
        <textarea
          id={textId}
          rows={3}
          value={body}
          maxLength={MAX_BODY}
          aria-describedby={hintId}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={`Write to ${recipientName}…`}
          className="block w-full resize-y rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base text-stone-900 placeholder:text-stone-500 hover:border-stone-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600"
        />
        <p id={hintId} className="mt-1 text-xs text-stone-600">
          Ctrl + Enter sends. Keep contact and payments on Atelier: that’s what keeps you protected.
        </p>
      </div>
      {files.length > 0 ? (
        <ul aria-label="Files to send" className="flex flex-wrap gap-2 text-sm">
          {files.map((file, index) => (
            <li
              key={`${file.name}-${index}`}
              className="flex items-center gap-2 rounded-full border border-stone-200 bg-stone-50 py-1 pr-1 pl-3"
            >
              <span className="max-w-48 truncate">{file.name}</span>
              <button
                type="button"
                className="rounded-full px-2 text-stone-600 hover:bg-stone-200 hover:text-stone-900"
                aria-label={`Remove ${file.name}`}
                onClick={() => setFiles((list) => list.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {tooMany ? (
        <p className="text-sm text-red-700">Attach at most {MAX_FILES} files to one message.</p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <input
            ref={fileInputRef}
            id={fileId}
            type="file"
            multiple
            className="peer sr-only"
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              setFiles((list) => [...list, ...chosen]);
              event.target.value = "";
            }}
          />
          <label
            htmlFor={fileId}
            className="cursor-pointer rounded-full px-3 py-2 text-sm font-medium text-stone-700 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600 hover:bg-stone-100"
          >
            Attach files
          </label>
        </div>
        <Button type="submit" disabled={!canSend} loading={send.isPending}>
          Send
        </Button>
      </div>
    </form>
  );
}
