import type { WalletLineSchema, WithdrawalSchema } from "@atelier/contracts";

export type WalletLine = ReturnType<typeof WalletLineSchema.parse>;

export type Withdrawal = ReturnType<typeof WithdrawalSchema.parse>;
