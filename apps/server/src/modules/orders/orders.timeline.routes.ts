import { OrderTimelineSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireUser } from "../identity/identity.public";
import { orderTimeline } from "../messaging/messaging.usecases";
import { listEvents } from "./orders.usecases";

/** The order page's one timeline: the order's events and the messages posted about it. */
export function orderTimelineRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      "/api/orders/:id/timeline",
      {
        schema: {
          operationId: "getOrderTimeline",
          tags: ["orders"],
          description:
            "Events and order messages in time order (participants and admins; 404 for anyone else). " +
            "Post order messages to `conversationId` with `orderId` set; open the conversation first when it is null.",
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: OrderTimelineSchema },
        },
      },
      async (request) => {
        const orderId = request.params.id;
        // listEvents answers 404 to anyone who may not see the order, before any message is read.
        const events = await listEvents(deps, { orderId, viewer: requireUser(request) });
        return orderTimeline(deps, { orderId, events });
      },
    );
  };
}
