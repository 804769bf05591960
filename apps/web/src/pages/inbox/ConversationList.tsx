import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { conversationListQueryOptions } from "../../lib/messaging";
import { ConversationItem } from "./ConversationItem";

export function ConversationList({ selectedId }: { selectedId: string | undefined }) {
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
