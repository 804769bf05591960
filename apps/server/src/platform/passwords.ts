import { hash, verify } from "@node-rs/argon2";

export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** `Algorithm.Argon2id` of @node-rs/argon2; its enum is `const` and cannot be imported under isolated modules. */
const ARGON2ID = 2;

/** argon2id with the configured cost (OWASP baseline: m=19 MiB, t=2, p=1). */
export function hashPassword(password: string, cost: Argon2Cost): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}
