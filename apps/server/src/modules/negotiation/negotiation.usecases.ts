// The negotiation module's use-cases (API.md section 13): custom offers in conversations, briefs
// matched to sellers. Commands live in negotiation.offers.ts and negotiation.briefs.ts.
export { answerBrief, briefInbox, closeBrief, createBrief, getBrief, listBriefs } from "./negotiation.briefs";
export { closeOffer, createOffer, getOffer, offersPort } from "./negotiation.offers";
