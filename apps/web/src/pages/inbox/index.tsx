import { PageSkeleton } from "../../components/Skeleton";
import { useMe } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { ConversationList } from "./ConversationList";
import { OpenConversation } from "./OpenConversation";
import { Thread } from "./Thread";

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
