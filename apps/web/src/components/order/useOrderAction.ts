import { OrderSchema, type Order } from "@atelier/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, describeError, isApiError, read } from "../../lib/api";
import type { paths } from "../../lib/api/schema";
import { orderKeys } from "../../lib/orders";
import { walletKeys } from "../../lib/wallet";

type BodyOf<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { "application/json": infer B } } };
}
  ? B
  : never;

/** One transition of an order: the command under `/api/orders/:id`, with its body when it takes one. */
export type OrderActionInput =
  | { path: "/accept" | "/cancel" | "/start" }
  | { path: "/deliveries"; body: BodyOf<"/api/orders/{id}/deliveries"> }
  | { path: "/requirements"; body: BodyOf<"/api/orders/{id}/requirements"> }
  | { path: "/revision-requests"; body: BodyOf<"/api/orders/{id}/revision-requests"> }
  | { path: "/extension-requests"; body: BodyOf<"/api/orders/{id}/extension-requests"> }
  | { path: "/cancellation-requests"; body: BodyOf<"/api/orders/{id}/cancellation-requests"> }
  | { path: "/disputes"; body: BodyOf<"/api/orders/{id}/disputes"> }
  | {
      path: "/extension-requests/{requestId}/accept" | "/extension-requests/{requestId}/decline";
      requestId: string;
    }
  | {
      path: "/cancellation-requests/{requestId}/accept" | "/cancellation-requests/{requestId}/decline";
      requestId: string;
    }
  | {
      path: "/milestones/{milestoneId}/deliveries";
      milestoneId: string;
      body: BodyOf<"/api/orders/{id}/milestones/{milestoneId}/deliveries">;
    }
  | {
      path: "/milestones/{milestoneId}/revision-requests";
      milestoneId: string;
      body: BodyOf<"/api/orders/{id}/milestones/{milestoneId}/revision-requests">;
    }
  /** Accepting a milestone moves money: `key` makes a retry replay the first answer. */
  | { path: "/milestones/{milestoneId}/accept"; milestoneId: string; key: string };

function postOrderAction(orderId: string, input: OrderActionInput) {
  const id = { id: orderId };
  switch (input.path) {
    case "/accept":
      return api.POST("/api/orders/{id}/accept", { params: { path: id }, body: {} });
    case "/cancel":
      return api.POST("/api/orders/{id}/cancel", { params: { path: id }, body: {} });
    case "/start":
      return api.POST("/api/orders/{id}/start", { params: { path: id }, body: {} });
    case "/deliveries":
      return api.POST("/api/orders/{id}/deliveries", { params: { path: id }, body: input.body });
    case "/requirements":
      return api.POST("/api/orders/{id}/requirements", { params: { path: id }, body: input.body });
    case "/revision-requests":
      return api.POST("/api/orders/{id}/revision-requests", { params: { path: id }, body: input.body });
    case "/extension-requests":
      return api.POST("/api/orders/{id}/extension-requests", { params: { path: id }, body: input.body });
    case "/cancellation-requests":
      return api.POST("/api/orders/{id}/cancellation-requests", { params: { path: id }, body: input.body });
    case "/disputes":
      return api.POST("/api/orders/{id}/disputes", { params: { path: id }, body: input.body });
    case "/milestones/{milestoneId}/deliveries":
      return api.POST("/api/orders/{id}/milestones/{milestoneId}/deliveries", {
        params: { path: { ...id, milestoneId: input.milestoneId } },
        body: input.body,
      });
    case "/milestones/{milestoneId}/revision-requests":
      return api.POST("/api/orders/{id}/milestones/{milestoneId}/revision-requests", {
        params: { path: { ...id, milestoneId: input.milestoneId } },
        body: input.body,
      });
    case "/milestones/{milestoneId}/accept":
      return api.POST("/api/orders/{id}/milestones/{milestoneId}/accept", {
        params: { path: { ...id, milestoneId: input.milestoneId }, header: { "Idempotency-Key": input.key } },
        body: {},
      });
    case "/extension-requests/{requestId}/accept":
    case "/extension-requests/{requestId}/decline":
    case "/cancellation-requests/{requestId}/accept":
    case "/cancellation-requests/{requestId}/decline":
      return api.POST(`/api/orders/{id}${input.path}`, {
        params: { path: { ...id, requestId: input.requestId } },
        body: {},
      });
  }
}

/**
 * Runs one transition of an order (`POST /api/orders/:id/…`) and puts the answer in the cache, so the
 * page shows the new status and actions at once; the timeline, lists and wallet refresh behind it.
 */
export function useOrderAction(orderId: string, onDone?: (order: Order) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrderActionInput) => read(OrderSchema, postOrderAction(orderId, input)),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(orderId), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(orderId) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.reviews(orderId) });
      void queryClient.invalidateQueries({ queryKey: ["orders", "list"] });
      void queryClient.invalidateQueries({ queryKey: walletKeys.all });
      onDone?.(order);
    },
    onError: (error) => {
      // Someone else moved the order on (or a timer did): show its state as it is now.
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
    },
  });
}

/** A sentence for a failed order action. */
export function actionError(error: unknown): string {
  if (isApiError(error, 409) && error.code === "invalid_transition") {
    return "The order changed in the meantime, so this is no longer possible. We’ve refreshed it for you.";
  }
  return describeError(error);
}
