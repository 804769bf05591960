import {
  MoneySchema,
  pageOf,
  WalletLineSchema,
  WalletSchema,
  WithdrawalSchema,
  type MoneyDto,
} from "@atelier/contracts";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, read, type Parser } from "./api";

export type WalletLine = ReturnType<typeof WalletLineSchema.parse>;
export type Withdrawal = ReturnType<typeof WithdrawalSchema.parse>;

/** Query keys of the wallet; the root is private to the signed-in user. */
import { walletKeys } from "./queryKeys";

export { walletKeys };

export const EarningsParser: Parser<{ data: { day: string; amount: MoneyDto }[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not an earnings list");
    }
    return {
      data: body.data.map((item: unknown) => {
        if (typeof item !== "object" || item === null || !("day" in item) || typeof item.day !== "string") {
          throw new Error("not an earnings day");
        }
        return { day: item.day, amount: MoneySchema.parse("amount" in item ? item.amount : undefined) };
      }),
    };
  },
};

export const WithdrawalListParser: Parser<{ data: Withdrawal[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not a withdrawal list");
    }
    return { data: body.data.map((item) => WithdrawalSchema.parse(item)) };
  },
};

/** `GET /api/wallet`: the signed-in user's balances (credits, pending, available). */
export const walletQueryOptions = queryOptions({
  queryKey: walletKeys.balances,
  queryFn: ({ signal }) => read(WalletSchema, api.GET("/api/wallet", { signal })),
});

/** `GET /api/wallet/earnings`: the seller's earnings per day over the last `days`. */
export function earningsQueryOptions(days: number) {
  return queryOptions({
    queryKey: walletKeys.earnings(days),
    queryFn: ({ signal }) =>
      read(EarningsParser, api.GET("/api/wallet/earnings", { params: { query: { days } }, signal })),
  });
}

/** `GET /api/wallet/transactions`: the ledger lines, newest first, page by page. */
export const transactionsQueryOptions = infiniteQueryOptions({
  queryKey: walletKeys.transactions,
  queryFn: ({ pageParam, signal }) =>
    read(
      pageOf(WalletLineSchema),
      api.GET("/api/wallet/transactions", {
        params: { query: { limit: 20, cursor: pageParam || undefined } },
        signal,
      }),
    ),
  initialPageParam: "",
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

/** `GET /api/wallet/withdrawals`: past withdrawals. */
export const withdrawalsQueryOptions = queryOptions({
  queryKey: walletKeys.withdrawals,
  queryFn: ({ signal }) => read(WithdrawalListParser, api.GET("/api/wallet/withdrawals", { signal })),
});
