import {
  BriefSchema,
  OfferSchema,
  OrderSchema,
  pageOf,
  type CreateBriefBody,
  type CreateOfferBody,
} from "@atelier/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api, read } from "./api";
import { negotiationKeys } from "./queryKeys";

export { negotiationKeys };

const BriefPageSchema = pageOf(BriefSchema);

export function offerQueryOptions(id: string) {
  return queryOptions({
    queryKey: negotiationKeys.offer(id),
    queryFn: ({ signal }) =>
      read(OfferSchema, api.GET("/api/offers/{id}", { params: { path: { id } }, signal })),
  });
}

export function briefQueryOptions(id: string) {
  return queryOptions({
    queryKey: negotiationKeys.brief(id),
    queryFn: ({ signal }) =>
      read(BriefSchema, api.GET("/api/briefs/{id}", { params: { path: { id } }, signal })),
  });
}

export const myBriefsQueryOptions = queryOptions({
  queryKey: negotiationKeys.myBriefs,
  queryFn: ({ signal }) =>
    read(BriefPageSchema, api.GET("/api/briefs", { params: { query: { limit: 50 } }, signal })),
});

export const briefInboxQueryOptions = queryOptions({
  queryKey: negotiationKeys.inbox,
  queryFn: ({ signal }) =>
    read(BriefPageSchema, api.GET("/api/briefs/inbox", { params: { query: { limit: 50 } }, signal })),
});

export function createOffer(conversationId: string, body: CreateOfferBody) {
  return read(
    OfferSchema,
    api.POST("/api/conversations/{id}/offers", { params: { path: { id: conversationId } }, body }),
  );
}

export function answerBrief(briefId: string, body: CreateOfferBody) {
  return read(OfferSchema, api.POST("/api/briefs/{id}/offers", { params: { path: { id: briefId } }, body }));
}

export function withdrawOffer(id: string) {
  return read(OfferSchema, api.POST("/api/offers/{id}/withdraw", { params: { path: { id } }, body: null }));
}

export function declineOffer(id: string) {
  return read(OfferSchema, api.POST("/api/offers/{id}/decline", { params: { path: { id } }, body: null }));
}

/** Pays an offer by card (sandbox token); `key` is the attempt's Idempotency-Key. */
export function payOffer(offerId: string, token: string, key: string) {
  return read(
    OrderSchema,
    api.POST("/api/orders", {
      params: { header: { "Idempotency-Key": key } },
      body: { offerId, payment: { method: "card", token } },
    }),
  );
}

export function createBrief(body: CreateBriefBody) {
  return read(BriefSchema, api.POST("/api/briefs", { body }));
}

export function closeBrief(id: string) {
  return read(BriefSchema, api.POST("/api/briefs/{id}/close", { params: { path: { id } }, body: null }));
}
