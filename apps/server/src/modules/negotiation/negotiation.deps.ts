import type { AppDeps } from "../../platform/deps";

/** What the negotiation use-cases depend on. */
export type NegotiationDeps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "jobs" | "state">;
