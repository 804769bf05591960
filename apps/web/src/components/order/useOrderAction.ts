import { OrderSchema, type Order } from "@atelier/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, describeError, isApiError } from "../../lib/api";
import { orderKeys, walletKeys } from "../../lib/orders";

export interface OrderActionInput {
  /** Path under `/api/orders/:id`, such as `/accept` or `/cancellation-requests/req_1/decline`. */
  path: string;
  body?: unknown;
}

/**
 * Runs one transition of an order (`POST /api/orders/:id/…`) and puts the answer in the cache, so the
 * page shows the new status and actions at once; the timeline, lists and wallet refresh behind it.
 */
export function useOrderAction(orderId: string, onDone?: (order: Order) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: OrderActionInput) =>
      api.post(`/api/orders/${encodeURIComponent(orderId)}${path}`, body ?? {}, OrderSchema),
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
