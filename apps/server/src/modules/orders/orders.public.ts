// The orders module's facade for other modules (re-exports only): the price arithmetic catalog and
// search show on cards, and the lifecycle's open statuses. Commands are in orders.usecases.ts.
export { allIn, DEFAULT_FEES, type FeeConfig } from "./orders.pricing";
export { OPEN_STATUSES, LICENCE_SETTLING_TRANSITIONS } from "./orders.lifecycle";
export type { Viewer } from "./orders.models";
export { createOrdersState } from "./commands/checkout.batch";
export { isPayable, type OfferTerms, type OffersPort } from "./orders.offers";
