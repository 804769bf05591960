import type { Queryable } from "../db/client";
import { createLoader } from "./batcher";
import type { Clock } from "./clock";

/**
 * The marketplace rules admins edit (API.md section 11, `/api/admin/settings`): fee rates, clearing
 * periods and the prohibited-services list. The configuration gives the defaults; the one row of
 * `marketplace_settings`, once an admin saved it, replaces them. An order keeps the rules it was
 * placed under (`orders.rules`), so a change applies to orders placed afterwards.
 */
export interface MarketRules {
  fees: { commissionBps: number; serviceFeeBps: number; smallOrderFee: number; smallOrderThreshold: number };
  clearingSeconds: number;
  topRatedClearingSeconds: number;
  prohibitedTerms: string[];
}

/** What an order keeps of the rules (the prohibited list is about gigs, not orders). */
export type OrderRules = Omit<MarketRules, "prohibitedTerms">;

interface RulesConfig {
  orders: { fees: MarketRules["fees"]; clearingSeconds: number; topRatedClearingSeconds: number };
  catalog: { prohibitedTerms: string[] };
}

export function rulesFromConfig(config: RulesConfig): MarketRules {
  return {
    fees: { ...config.orders.fees },
    clearingSeconds: config.orders.clearingSeconds,
    topRatedClearingSeconds: config.orders.topRatedClearingSeconds,
    prohibitedTerms: [...config.catalog.prohibitedTerms],
  };
}

const SETTINGS_KEY = "current";

async function readStored(q: Queryable): Promise<MarketRules | undefined> {
  const rows = await q.query<{ settings: MarketRules }>("SELECT settings FROM marketplace_settings");
  return rows[0]?.settings;
}

/**
 * How long prices shown on cards and gig pages may use rules read earlier. The process that saves
 * new rules shows them at once; another process (several on one PostgreSQL) within this time. What
 * a buyer pays is always priced under the rules read at checkout.
 */
export const SHOWN_RULES_SECONDS = 30;

/**
 * Per-app state: reads of the rules at one moment share one statement (concurrent checkouts), and
 * nothing is cached across moments, so every process sees a change as soon as it commits. Prices
 * only shown (cards, gig pages, offers; searches run no SQL on PGlite) use `shown`, a copy kept for
 * `SHOWN_RULES_SECONDS` and dropped when this process saves new rules.
 */
export function createSettingsState(deps: { db: Queryable; clock: Clock }) {
  const load = createLoader(async () => {
    const stored = await readStored(deps.db);
    return new Map(stored ? [[SETTINGS_KEY, stored]] : []);
  });
  let shown: { rules: Promise<MarketRules | undefined>; at: number } | undefined;
  return {
    load,
    shown(): Promise<MarketRules | undefined> {
      const now = deps.clock.now().getTime();
      if (!shown || now < shown.at || now - shown.at >= SHOWN_RULES_SECONDS * 1000) {
        const rules = load(SETTINGS_KEY);
        const entry = { rules, at: now };
        shown = entry;
        void rules.catch(() => {
          if (shown === entry) shown = undefined;
        });
      }
      return shown.rules;
    },
    /** This process saved new rules (call after the commit): the next price shown reads them. */
    forgetShown(): void {
      shown = undefined;
    },
  };
}

declare module "./deps" {
  interface AppState {
    settings: ReturnType<typeof createSettingsState>;
  }
}

/** The rules in force now. Pass `q` inside a transaction that must see its own writes. */
export async function currentRules(
  deps: { config: RulesConfig; state: { settings: ReturnType<typeof createSettingsState> } },
  q?: Queryable,
): Promise<MarketRules> {
  const stored = q ? await readStored(q) : await deps.state.settings.load(SETTINGS_KEY);
  return stored ?? rulesFromConfig(deps.config);
}

/**
 * The rules prices are shown under (all-in prices on cards, gig pages and offers): those in force,
 * as this process last read them (see `SHOWN_RULES_SECONDS`). Never inside a transaction: there,
 * `currentRules(deps, tx)`.
 */
export async function shownRules(deps: {
  config: RulesConfig;
  state: { settings: ReturnType<typeof createSettingsState> };
}): Promise<MarketRules> {
  return (await deps.state.settings.shown()) ?? rulesFromConfig(deps.config);
}

/** Saves the rules (the caller writes the audit record in the same transaction). */
export async function saveRules(q: Queryable, rules: MarketRules, by: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO marketplace_settings (id, settings, updated_by, updated_at) VALUES (true, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by,
       updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(rules), by, at],
  );
}

/** The rules an order keeps: those in force when it was placed. */
export function orderRulesOf(rules: MarketRules): OrderRules {
  return {
    fees: rules.fees,
    clearingSeconds: rules.clearingSeconds,
    topRatedClearingSeconds: rules.topRatedClearingSeconds,
  };
}
