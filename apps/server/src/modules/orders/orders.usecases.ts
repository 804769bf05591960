/**
 * The orders module's use-cases, for its routes, its jobs and other modules: one command per file
 * in `commands/` (checkout, transitions, tips, clearing, reads), re-exported here. Other modules
 * import orders only through this file.
 */
export { act } from "./commands/act";
export { actMilestone, applyMilestoneTransition, runMilestoneTimer } from "./commands/act-milestone";
export { clearMilestone } from "./commands/clear-milestone";
export { applyTransition } from "./commands/apply-transition";
export { canReadOrderFiles, seesOrderPreviews } from "./commands/can-read-order-files";
export { clearOrder } from "./commands/clear-order";
export { clearTip } from "./commands/clear-tip";
export { getOrder } from "./commands/get-order";
export { listDisputed } from "./commands/list-disputed";
export { listEvents } from "./commands/list-events";
export { listOrders } from "./commands/list-orders";
export { placeOrder } from "./commands/place-order";
export { placeOfferOrder } from "./commands/place-offer-order";
export { previewResolution } from "./commands/preview-resolution";
export { quote } from "./commands/quote";
export { quoteTip } from "./commands/quote-tip";
export { voidUnclaimedAuthorizations } from "./commands/reconcile-payments";
export { runSystemTransition } from "./commands/run-system-transition";
export { tip } from "./commands/tip";
export { clearingSeconds } from "./orders.models";
export type { TransitionInput } from "./orders.effects";
export type { MilestoneInput } from "./orders.milestones";
