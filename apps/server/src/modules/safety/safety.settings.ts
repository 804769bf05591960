import type { MarketplaceSettings } from "@atelier/contracts/safety";
import { recordAdminAction } from "../../platform/audit";
import { DAY } from "../../platform/clock";
import type { AppDeps } from "../../platform/deps";
import { validationFailed } from "../../platform/errors";
import { currentRules, saveRules, type MarketRules } from "../../platform/settings";
import type { AuthUser } from "../identity/identity.public";

/** Fees are charged in the marketplace's one currency; the settings' amounts are in it. */
const CURRENCY = "USD";

function toSettings(r: MarketRules): MarketplaceSettings {
  return {
    commissionBps: r.fees.commissionBps,
    buyerFeeBps: r.fees.serviceFeeBps,
    smallOrderFee: { amount: r.fees.smallOrderFee, currency: CURRENCY },
    smallOrderThreshold: { amount: r.fees.smallOrderThreshold, currency: CURRENCY },
    clearingDays: Math.round(r.clearingSeconds / DAY),
    topRatedClearingDays: Math.round(r.topRatedClearingSeconds / DAY),
    prohibitedTerms: r.prohibitedTerms,
  };
}

function toRules(s: MarketplaceSettings): MarketRules {
  const wrong = (["smallOrderFee", "smallOrderThreshold"] as const).filter((k) => s[k].currency !== CURRENCY);
  if (wrong.length > 0)
    throw validationFailed(wrong.map((k) => ({ path: `${k}.currency`, message: `must be ${CURRENCY}` })));
  return {
    fees: {
      commissionBps: s.commissionBps,
      serviceFeeBps: s.buyerFeeBps,
      smallOrderFee: s.smallOrderFee.amount,
      smallOrderThreshold: s.smallOrderThreshold.amount,
    },
    clearingSeconds: s.clearingDays * DAY,
    topRatedClearingSeconds: s.topRatedClearingDays * DAY,
    prohibitedTerms: [...new Set(s.prohibitedTerms.map((t) => t.toLowerCase()))],
  };
}

/** Admin: the marketplace rules in force (the configuration's until an admin saved them). */
export async function getSettings(deps: Pick<AppDeps, "config" | "state">): Promise<MarketplaceSettings> {
  return toSettings(await currentRules(deps));
}

/**
 * Admin: replaces the marketplace rules. Orders placed afterwards are priced and cleared under them
 * (each order keeps the rules it was placed under); gigs saved or published afterwards are checked
 * against the new prohibited list. Written to the audit log with what changed.
 */
export async function putSettings(
  deps: Pick<AppDeps, "db" | "clock" | "config" | "state">,
  { admin, body }: { admin: AuthUser; body: MarketplaceSettings },
): Promise<MarketplaceSettings> {
  const rules = toRules(body);
  const saved = await deps.db.transaction(async (tx) => {
    const before = toSettings(await currentRules(deps, tx));
    const now = deps.clock.now();
    await saveRules(tx, rules, admin.id, now);
    const after = toSettings(rules);
    const changed = (Object.keys(after) as (keyof MarketplaceSettings)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    await recordAdminAction(tx, {
      actorId: admin.id,
      action: "settings.update",
      subject: { type: "settings", id: "marketplace" },
      reason: changed.length > 0 ? `Changed ${changed.join(", ")}` : "No change",
      at: now,
    });
    return after;
  });
  deps.state.settings.forgetShown();
  return saved;
}
