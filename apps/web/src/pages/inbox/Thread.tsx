import type { Me } from "@atelier/contracts";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { Avatar } from "../../components/Avatar";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { isApiError } from "../../lib/api";
import {
  conversationQueryOptions,
  markConversationRead,
  messagesQueryOptions,
  messagingKeys,
} from "../../lib/messaging";
import { Composer } from "./Composer";
import { MessageItem } from "./MessageItem";
import { OfferComposer } from "./OfferComposer";

export function Thread({ conversationId, me }: { conversationId: string; me: Me }) {
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
                    viewer={me.username}
                  />
                ))}
              </ol>
            )}
          </div>
        )}
      </div>

      {me.isSeller ? <OfferComposer conversationId={conversationId} /> : null}
      <Composer conversationId={conversationId} recipientName={participant.displayName} />
    </section>
  );
}
