// The messaging module's facade for modules above it that put things into conversations (custom
// offers): re-exports only. The conversation use-cases themselves are in messaging.usecases.ts.
export { conversationParties, openInvitedConversation, postOfferMessage } from "./messaging.offers";
