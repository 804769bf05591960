import { TestMailboxSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import type { ControllableClock } from "../../platform/clock";
import { grantAdmin } from "../identity/identity.usecases";
import { listTestMailbox } from "../notifications/notifications.usecases";

/**
 * Registered only when ATELIER_TEST_MODE=1 (never in production): time travel, admin grants and
 * the e-mails written to an address.
 */
export function testModeRoutes(deps: AppDeps, clock: ControllableClock) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["test mode"];

    r.post(
      "/api/test/clock",
      {
        schema: {
          operationId: "advanceClock",
          tags,
          body: z.strictObject({
            advanceSeconds: z
              .number()
              .int()
              .min(0)
              .max(10 * 365 * 24 * 3600),
          }),
          response: { 200: z.object({ now: z.string(), jobsRun: z.number().int() }) },
        },
      },
      async (request) => {
        const now = clock.advance(request.body.advanceSeconds);
        const jobsRun = await deps.jobs.runDue();
        return { now: now.toISOString(), jobsRun };
      },
    );

    r.get(
      "/api/test/clock",
      { schema: { operationId: "getClock", tags, response: { 200: z.object({ now: z.string() }) } } },
      async () => ({ now: clock.now().toISOString() }),
    );

    r.post(
      "/api/test/admins",
      {
        schema: {
          operationId: "grantAdmin",
          tags,
          body: z.strictObject({ email: z.string().min(3).max(254) }),
        },
      },
      async (request, reply) => {
        await grantAdmin(deps, { email: request.body.email });
        return reply.status(204).send();
      },
    );

    r.get(
      "/api/test/mailbox",
      {
        schema: {
          operationId: "testMailbox",
          tags,
          description:
            "Every e-mail the server wrote to `to`, newest first, sent or still waiting in the outbox " +
            "(`sentAt` is when it left, or when it was written).",
          querystring: z.strictObject({ to: z.string().min(3).max(254) }),
          response: { 200: TestMailboxSchema },
        },
      },
      async (request) => ({ data: await listTestMailbox(deps, { to: request.query.to, limit: 200 }) }),
    );
  };
}
