import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/Button";
import { OfferForm } from "../../components/negotiation/OfferForm";
import { messagingKeys } from "../../lib/messaging";
import { createOffer } from "../../lib/negotiation";

/** A seller's "Make an offer" in a conversation: the offer arrives in the thread as its card. */
export function OfferComposer({ conversationId }: { conversationId: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="border-t border-stone-200 px-4 pt-3 sm:px-6">
        <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
          Make a custom offer
        </Button>
      </div>
    );
  }
  return (
    <div className="border-t border-stone-200 px-4 py-4 sm:px-6">
      <OfferForm
        send={(body) => createOffer(conversationId, body)}
        onSent={() => {
          setOpen(false);
          void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(conversationId) });
          void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
        }}
        onCancel={() => setOpen(false)}
      />
    </div>
  );
}
