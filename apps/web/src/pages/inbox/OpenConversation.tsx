import type { Me } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { Navigate } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { PageSkeleton } from "../../components/Skeleton";
import { describeError, isApiError } from "../../lib/api";
import { openConversation } from "../../lib/messaging";

/** Opens the conversation with `username` (201 new, 200 existing), then shows it at its own address. */
export function OpenConversation({
  username,
  gigId,
  me,
}: {
  username: string;
  gigId: string | undefined;
  me: Me;
}) {
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
