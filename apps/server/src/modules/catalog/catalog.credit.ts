import type { AiUse } from "@atelier/contracts";
import { LICENCE_KINDS } from "@atelier/contracts";
import type { FieldError } from "../../platform/errors";
import type { GigChanges, GigRow, StoredLicence } from "./catalog.repository";

export type { StoredLicence };

/** What a gig body says about creator credit (API.md section 12); any field may be absent. */
export interface CreditBody {
  aiAssisted?: boolean | undefined;
  aiUse?: AiUse | undefined;
  aiTools?: string[] | undefined;
  licences?: StoredLicence[] | undefined;
  protectDeliveries?: boolean | undefined;
  allowAiTraining?: boolean | undefined;
}

type Current = Pick<GigRow, "ai_use" | "ai_tools">;

/** Licences cheapest first; equal prices in the order personal, commercial, full transfer. */
export function sortLicences(licences: readonly StoredLicence[]): StoredLicence[] {
  return [...licences].sort(
    (a, b) =>
      a.price.amount - b.price.amount || LICENCE_KINDS.indexOf(a.kind) - LICENCE_KINDS.indexOf(b.kind),
  );
}

/** The licences a gig offers: what it stored, or `personal` at 0 for a gig that never said. */
export function offeredLicences(stored: readonly StoredLicence[], currency: string): StoredLicence[] {
  return stored.length > 0 ? sortLicences(stored) : [{ kind: "personal", price: { amount: 0, currency } }];
}

/**
 * The gig columns a body's creator-credit fields change, and what is wrong with them. `aiUse` wins
 * over the older `aiAssisted`; `aiAssisted: true` alone keeps a stronger stored declaration
 * (`generated`) and turns `none` into `assisted`. Tools are required when AI was used.
 */
export function creditChanges(
  body: CreditBody,
  current: Current | undefined,
  currency: string,
): { changes: Partial<GigChanges>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const changes: Partial<GigChanges> = {};
  const was = current?.ai_use ?? "none";
  let aiUse: AiUse | undefined = body.aiUse;
  if (aiUse === undefined && body.aiAssisted !== undefined)
    aiUse = body.aiAssisted ? (was === "none" ? "assisted" : was) : "none";
  if (aiUse !== undefined) {
    changes.ai_use = aiUse;
    changes.ai_assisted = aiUse !== "none";
  }
  const use = aiUse ?? was;
  const tools = use === "none" ? [] : (body.aiTools ?? current?.ai_tools ?? []);
  if (aiUse !== undefined || body.aiTools !== undefined) changes.ai_tools = tools;
  // Only an explicit declaration must name its tools: the older `aiAssisted: true` has none to give.
  if (body.aiUse !== undefined && body.aiUse !== "none" && tools.length === 0)
    errors.push({ path: "aiTools", message: "name the AI tools used (required when aiUse is not none)" });
  if (body.licences !== undefined) {
    const seen = new Set<string>();
    body.licences.forEach((l, i) => {
      if (seen.has(l.kind)) errors.push({ path: `licences.${i}.kind`, message: "is offered twice" });
      seen.add(l.kind);
      if (l.price.currency !== currency)
        errors.push({ path: `licences.${i}.price.currency`, message: `must be ${currency}` });
    });
    changes.licences = sortLicences(body.licences);
  }
  if (body.protectDeliveries !== undefined) changes.protect_deliveries = body.protectDeliveries;
  if (body.allowAiTraining !== undefined) changes.allow_ai_training = body.allowAiTraining;
  return { changes, errors };
}
