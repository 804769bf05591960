import type { AppDeps } from "../../platform/deps";

/** What the orders commands depend on: the narrowest slice of the app's dependencies. */
export type OrdersDeps = Pick<AppDeps, "db" | "clock" | "config" | "payments" | "events" | "jobs" | "state">;
