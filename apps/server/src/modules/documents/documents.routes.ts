import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireUser } from "../identity/identity.public";
import * as documents from "./documents.usecases";

const OrderParams = z.strictObject({ id: z.string().min(1).max(64) });

/** A PDF download: never cached by anyone else, never sniffed into something else. */
function sendPdf(reply: FastifyReply, doc: documents.PdfDocument) {
  return reply
    .headers({
      "Content-Type": "application/pdf",
      "Content-Length": String(doc.bytes.length),
      "Content-Disposition": `attachment; filename="${doc.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .send(Buffer.from(doc.bytes));
}

/** The order documents of API.md section 12: the buyer's invoice and the evidence pack. */
export function documentsRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["orders"];

    r.get(
      "/api/orders/:id/invoice",
      {
        schema: {
          operationId: "getOrderInvoice",
          tags,
          description:
            "The order's numbered invoice as a PDF (the buyer and admins; 404 for anyone else). The number " +
            "is given at the first download and is the same on every later one.",
          params: OrderParams,
        },
      },
      async (request, reply) => {
        const doc = await documents.orderInvoice(deps, {
          orderId: request.params.id,
          viewer: requireUser(request),
        });
        return sendPdf(reply.header("X-Invoice-Number", doc.number), doc);
      },
    );

    r.get(
      "/api/orders/:id/evidence",
      {
        schema: {
          operationId: "getOrderEvidencePack",
          tags,
          description:
            "The order's evidence pack as a PDF: timeline, messages, deliveries with their files' SHA-256 " +
            "hashes and receipts, acceptance (participants and admins; 404 for anyone else).",
          params: OrderParams,
        },
      },
      async (request, reply) =>
        sendPdf(
          reply,
          await documents.orderEvidencePack(deps, {
            orderId: request.params.id,
            viewer: requireUser(request),
          }),
        ),
    );
  };
}
