import {
  LedgerCheckSchema,
  MoneySchema,
  PaginationQuerySchema,
  WalletLineSchema,
  WalletSchema,
  WithdrawalBodySchema,
  WithdrawalSchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { validateIdempotencyKey } from "../../platform/idempotency";
import { requireAdmin, requireUser } from "../identity/identity.public";
import { checkLedger } from "../ledger/ledger.usecases";
import * as wallet from "./wallet.usecases";

export function walletRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["wallet"];

    r.get(
      "/api/wallet",
      { schema: { operationId: "getWallet", tags, response: { 200: WalletSchema } } },
      async (request) => wallet.getWallet(deps, { userId: requireUser(request).id }),
    );

    r.get(
      "/api/wallet/transactions",
      {
        schema: {
          operationId: "listWalletTransactions",
          tags,
          querystring: PaginationQuerySchema,
          response: { 200: z.object({ data: z.array(WalletLineSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) =>
        wallet.listTransactions(deps, {
          userId: requireUser(request).id,
          limit: request.query.limit,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        }),
    );

    r.get(
      "/api/wallet/earnings",
      {
        schema: {
          operationId: "walletEarnings",
          tags,
          querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(90) }),
          response: { 200: z.object({ data: z.array(z.object({ day: z.string(), amount: MoneySchema })) }) },
        },
      },
      async (request) => ({
        data: await wallet.earningsByDay(deps, { userId: requireUser(request).id, days: request.query.days }),
      }),
    );

    r.get(
      "/api/wallet/withdrawals",
      {
        schema: {
          operationId: "listWithdrawals",
          tags,
          response: { 200: z.object({ data: z.array(WithdrawalSchema) }) },
        },
      },
      async (request) => ({ data: await wallet.listWithdrawals(deps, { userId: requireUser(request).id }) }),
    );

    r.post(
      "/api/wallet/withdrawals",
      {
        schema: {
          operationId: "withdraw",
          tags,
          body: WithdrawalBodySchema,
          response: { 201: WithdrawalSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const key = validateIdempotencyKey(request.headers["idempotency-key"]);
        const result = await wallet.withdraw(deps, {
          userId: user.id,
          amount: request.body.amount,
          destination: request.body.destination,
          idempotencyKey: key,
        });
        if (result.replayed) void reply.header("Idempotent-Replayed", "true");
        if (result.status >= 400) void reply.type("application/problem+json; charset=utf-8");
        // 201 with the withdrawal, or a stored problem replayed (its status picks the serializer).
        return reply.status(result.status as 201).send(result.body as z.infer<typeof WithdrawalSchema>);
      },
    );

    r.get(
      "/api/admin/ledger/check",
      { schema: { operationId: "checkLedger", tags: ["admin"], response: { 200: LedgerCheckSchema } } },
      async (request) => {
        requireAdmin(request);
        return checkLedger(deps.db, deps.config.currency);
      },
    );
  };
}
