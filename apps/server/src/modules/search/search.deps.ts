import type { AppDeps } from "../../platform/deps";
import type { SearchRuntime } from "./search.runtime";

/** What the search use-cases and engines need: the app's deps and this app's search runtime. */
export type SearchDeps = Pick<AppDeps, "db" | "clock" | "config" | "log" | "state"> & {
  runtime: SearchRuntime;
};
