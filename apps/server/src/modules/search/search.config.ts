/** Search tuning; every number can be overridden from the environment. See docs/search.md. */
export interface SearchConfig {
  /**
   * Which engine answers searches: "memory" holds the index in this process (search.memory-engine.ts),
   * "sql" queries search_documents; "auto" picks memory on PGlite and sql on PostgreSQL.
   */
  engine: "memory" | "sql" | "auto";
  /** Target size of the uniform sample that estimates counts and facets of large result sets. */
  sampleSize: number;
  /** Result sets estimated at or below this size are counted exactly. */
  exactCountLimit: number;
  /** How long counts and facets of one query + filters are reused. */
  countCacheSeconds: number;
  countCacheEntries: number;
  /**
   * How long a result page is reused at most; any index write (in any process, announced by
   * NOTIFY at commit) retires every cached page sooner.
   */
  pageCacheSeconds: number;
  pageCacheEntries: number;
  /** Searches are logged in batches: at most this many, or after this delay. */
  logBatchSize: number;
  logFlushMs: number;
  /** Impressions and query counts are summed in memory this long before they are written. */
  counterFlushMs: number;
  /** Rows per log statement: short statements keep searches from queueing behind the writer on PGlite. */
  logRowsPerStatement: number;
  /** The delivery-time facet: how many results deliver within each of these days. */
  deliveryFacetDays: number[];
  suggestLimit: number;
  /**
   * A query buyers searched is suggested to others (completions, "related searches") only once this
   * many distinct signed-in people searched it and it found something.
   */
  suggestMinUsers: number;
  /** Words of at least this many letters are corrected when unknown (one-letter typos). */
  typoMinLength: number;
  /**
   * A query of two or more words that fewer gigs than this match with every word is answered
   * relaxed: the best partial matches follow (docs/search.md "Never a dead end").
   */
  relaxBelow: number;
  /** The demand radar shows a query only once this many distinct signed-in people made it. */
  demandMinSearchers: number;
  /** A first page whose query matched at most this many gigs with every word counts as demand. */
  demandMaxResults: number;
  /** search_log, search_clicks and search_demand rows older than this are deleted by the aggregation job. */
  logRetentionDays: number;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

function engine(value: string | undefined): SearchConfig["engine"] {
  if (value === undefined || value === "" || value === "auto") return "auto";
  if (value === "memory" || value === "sql") return value;
  throw new Error(`ATELIER_SEARCH_ENGINE: expected memory, sql or auto, got "${value}"`);
}

/** The engine a database gets: "auto" is memory on PGlite (one connection in the Node thread), sql on PostgreSQL. */
export function searchEngine(config: SearchConfig, dbKind: "pglite" | "postgres"): "memory" | "sql" {
  if (config.engine !== "auto") return config.engine;
  return dbKind === "pglite" ? "memory" : "sql";
}

export function searchConfig(env: NodeJS.ProcessEnv): SearchConfig {
  return {
    engine: engine(env.ATELIER_SEARCH_ENGINE),
    sampleSize: int(env.ATELIER_SEARCH_SAMPLE_SIZE, 10_000),
    exactCountLimit: int(env.ATELIER_SEARCH_EXACT_COUNT_LIMIT, 1_000),
    countCacheSeconds: int(env.ATELIER_SEARCH_COUNT_CACHE_SECONDS, 60),
    countCacheEntries: int(env.ATELIER_SEARCH_COUNT_CACHE_ENTRIES, 5_000),
    pageCacheSeconds: int(env.ATELIER_SEARCH_PAGE_CACHE_SECONDS, 10),
    pageCacheEntries: int(env.ATELIER_SEARCH_PAGE_CACHE_ENTRIES, 2_000),
    logBatchSize: int(env.ATELIER_SEARCH_LOG_BATCH_SIZE, 500),
    logFlushMs: int(env.ATELIER_SEARCH_LOG_FLUSH_MS, 1000),
    counterFlushMs: int(env.ATELIER_SEARCH_COUNTER_FLUSH_MS, 10_000),
    logRowsPerStatement: int(env.ATELIER_SEARCH_LOG_ROWS_PER_STATEMENT, 100),
    deliveryFacetDays: [1, 3, 7, 14],
    suggestLimit: 8,
    suggestMinUsers: int(env.ATELIER_SEARCH_SUGGEST_MIN_USERS, 3),
    typoMinLength: 5,
    relaxBelow: int(env.ATELIER_SEARCH_RELAX_BELOW, 20),
    demandMinSearchers: int(env.ATELIER_SEARCH_DEMAND_MIN_SEARCHERS, 5),
    demandMaxResults: int(env.ATELIER_SEARCH_DEMAND_MAX_RESULTS, 5),
    logRetentionDays: int(env.ATELIER_SEARCH_LOG_RETENTION_DAYS, 90),
  };
}
