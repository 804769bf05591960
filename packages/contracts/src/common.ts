import { z } from "zod";

/** ISO 4217 currency code, upper case. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");

/** An amount of money in integer minor units (cents for USD). Never a float. */
export const MoneySchema = z.strictObject({
  amount: z.number().int().safe(),
  currency: CurrencySchema,
});
export type MoneyDto = z.infer<typeof MoneySchema>;

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PaginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const IsoDateTime = z.string().describe("ISO 8601 UTC timestamp");
