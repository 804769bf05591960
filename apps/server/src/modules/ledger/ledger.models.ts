import type { Money } from "../../platform/money";

/**
 * Ledger accounts (DESIGN.md "Money"). The processor account `external:card` is the only one that may
 * go negative: money enters the marketplace from it.
 */
export const accounts = {
  card: () => "external:card",
  payouts: () => "external:payouts",
  fees: () => "platform:fees",
  commission: () => "platform:commission",
  escrow: (orderId: string) => `escrow:${orderId}`,
  credits: (userId: string) => `buyer:${userId}:credits`,
  pending: (userId: string) => `seller:${userId}:pending`,
  available: (userId: string) => `seller:${userId}:available`,
} as const;

export interface Posting {
  account: string;
  amount: Money;
}

export interface LedgerEntry {
  /** Unique per money event (`order:<id>:capture`): the same event can never be posted twice. */
  businessKey: string;
  kind: string;
  orderId?: string;
  memo?: string;
  postings: Posting[];
  /** When the money moved, if not at the posting's `now` (history written in one go, as the demo seed does). */
  at?: Date;
}

export interface AccountFacts {
  kind: string;
  ownerId: string | null;
  allowNegative: boolean;
  /**
   * Whether the account keeps a cached balance row that is updated (and locked) with each posting.
   * The marketplace-wide accounts (processor, payouts, fees, commission) are touched by every
   * checkout; caching them would serialise all checkouts on one row lock. They are never debited
   * below zero by construction, so their balance is simply the sum of their postings.
   */
  cached: boolean;
}

export function accountKind(account: string): AccountFacts {
  const [head, middle] = account.split(":");
  if (head === "external") {
    return { kind: account, ownerId: null, allowNegative: account === accounts.card(), cached: false };
  }
  if (head === "platform") return { kind: account, ownerId: null, allowNegative: false, cached: false };
  if (head === "escrow") return { kind: "escrow", ownerId: null, allowNegative: false, cached: true };
  const tail = account.split(":")[2] ?? "";
  return { kind: `${head}:${tail}`, ownerId: middle ?? null, allowNegative: false, cached: true };
}

/** Two or more postings of non-zero amounts that sum to zero per currency. */
export function assertBalanced(entry: LedgerEntry): void {
  const postings = entry.postings.filter((p) => p.amount.amount !== 0);
  if (postings.length < 2) throw new Error(`ledger entry ${entry.businessKey} needs at least two postings`);
  const sums = new Map<string, number>();
  for (const p of postings) sums.set(p.amount.currency, (sums.get(p.amount.currency) ?? 0) + p.amount.amount);
  for (const [currency, total] of sums) {
    if (total !== 0) throw new Error(`ledger entry ${entry.businessKey} is off by ${total} ${currency}`);
  }
}

/** A transfer of `amount` from one account to another, as two postings. */
export function transfer(from: string, to: string, amount: Money): Posting[] {
  return [
    { account: from, amount: { amount: -amount.amount, currency: amount.currency } },
    { account: to, amount },
  ];
}
