import type { Queryable } from "../../db/client";
import { validationFailed } from "../../platform/errors";
import { findOwnedFiles, linkFiles } from "../files/files.public";
import type { OrdersRepository } from "./orders.repository";

/** Validates files a party attaches to the order (its own uploads) and links them to the order. */
export async function attachFiles(
  tx: Queryable,
  p: { orderId: string; fileIds: readonly string[]; ownerId: string; path: string; now: Date },
) {
  if (p.fileIds.length === 0) return;
  const owned = new Set((await findOwnedFiles(tx, p.ownerId, p.fileIds)).map((f) => f.id));
  const errors = p.fileIds.flatMap((id, i) =>
    owned.has(id) ? [] : [{ path: `${p.path}.${i}`, message: "is not a file you uploaded" }],
  );
  if (errors.length > 0) throw validationFailed(errors);
  await linkFiles(tx, p.fileIds, { type: "order", id: p.orderId }, p.now);
}

/**
 * Records a delivery of the order (or of one of its milestones): the seller's files linked to the
 * order, the message and the AI declaration (`aiTools` required unless `aiUse` is `none`).
 */
export async function recordDelivery(
  tx: Queryable,
  repo: OrdersRepository,
  p: {
    orderId: string;
    sellerId: string;
    milestoneId: string | null;
    input: {
      message?: string;
      fileIds?: string[];
      aiUse?: "none" | "assisted" | "generated";
      aiTools?: string[];
    };
    now: Date;
  },
): Promise<{ id: string; aiUse: "none" | "assisted" | "generated" }> {
  const fileIds = p.input.fileIds ?? [];
  await attachFiles(tx, { orderId: p.orderId, fileIds, ownerId: p.sellerId, path: "fileIds", now: p.now });
  const aiUse = p.input.aiUse ?? "none";
  const aiTools = aiUse === "none" ? [] : (p.input.aiTools ?? []);
  if (aiUse !== "none" && aiTools.length === 0)
    throw validationFailed([
      { path: "aiTools", message: "name the AI tools used (required when aiUse is not none)" },
    ]);
  const id = await repo.insertDelivery({
    orderId: p.orderId,
    message: p.input.message ?? "",
    fileIds,
    aiUse,
    aiTools,
    now: p.now,
    milestoneId: p.milestoneId,
  });
  return { id, aiUse };
}
