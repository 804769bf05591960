import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildSearchIndex } from "../../src/modules/search/search.indexer";
import { silentProgress } from "../../src/platform/progress";
import { seedCorpus } from "../../src/seed/corpus";
import { startTestServer, TEST_ARGON2, type TestServer } from "../harness";

/**
 * Relevance measured (`npm run eval:search`, and a regression guard in the suite): the judged
 * queries of test/fixtures/search-judgements.json run through the real route over a generated
 * corpus; a result is relevant when its gig's subcategory is one of the query's acceptable ones.
 * Prints the zero-result rate, precision@10 and nDCG@10 (docs/search.md "Relevance").
 */

interface Judgement {
  query: string;
  categories: string[];
}

const JUDGEMENTS: Judgement[] = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/search-judgements.json"), "utf8")) as {
    judgements: Judgement[];
  }
).judgements;

/** Thresholds the suite holds the search to. */
const MIN_PRECISION_AT_10 = 0.8;
const MAX_ZERO_RESULT_RATE = 0;
const CORPUS_GIGS = Number(process.env.EVAL_SEARCH_GIGS ?? 3000);

let server: TestServer;
let categoryOf: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.deps.db;
  await seedCorpus(db, {
    gigs: CORPUS_GIGS,
    seed: 15,
    now: server.deps.clock.now(),
    currency: server.deps.config.currency,
    argon2: TEST_ARGON2,
    progress: silentProgress(),
  });
  await rebuildSearchIndex(db, { sampleSize: server.deps.config.search.sampleSize });
  const rows = await db.query<{ id: string; slug: string }>(
    "SELECT g.id, c.slug FROM gigs g JOIN categories c ON c.id = g.category_id",
  );
  categoryOf = new Map(rows.map((r) => [r.id, r.slug]));
}, 600_000);

afterAll(() => server.close());

const log2 = (n: number) => Math.log(n) / Math.LN2;

describe("search relevance over judged queries", () => {
  it(
    "finds something for every judged query, and mostly the right things",
    { timeout: 600_000 },
    async () => {
      const client = server.client();
      let zero = 0;
      let precisionSum = 0;
      let ndcgSum = 0;
      let relaxed = 0;
      const worst: { query: string; precision: number }[] = [];
      for (const j of JUDGEMENTS) {
        const res = await client.get<{ data: { id: string }[]; total: number; relaxed: boolean }>(
          `/api/search/gigs?${new URLSearchParams({ q: j.query, limit: "10" }).toString()}`,
        );
        expect(res.status, j.query).toBe(200);
        const ids = res.body.data.map((g) => g.id);
        if (res.body.relaxed) relaxed++;
        if (ids.length === 0) {
          zero++;
          worst.push({ query: j.query, precision: 0 });
          continue;
        }
        const gains = ids.map((id) => (j.categories.includes(categoryOf.get(id) ?? "") ? 1 : 0));
        const precision = gains.reduce((a: number, b) => a + b, 0) / ids.length;
        const dcg = gains.reduce((sum: number, g, i) => sum + g / log2(i + 2), 0);
        const ideal = gains.reduce((sum: number, _g, i) => sum + 1 / log2(i + 2), 0);
        precisionSum += precision;
        ndcgSum += dcg / ideal;
        worst.push({ query: j.query, precision });
      }
      const n = JUDGEMENTS.length;
      const judgements = JUDGEMENTS.reduce((sum, j) => sum + j.categories.length, 0);
      const report = {
        queries: n,
        judgements,
        corpusGigs: CORPUS_GIGS,
        zeroResultRate: zero / n,
        precisionAt10: precisionSum / n,
        ndcgAt10: ndcgSum / n,
        relaxedRate: relaxed / n,
      };
      console.log(`search relevance: ${JSON.stringify(report)}`);
      console.log(
        `lowest precision: ${worst
          .sort((a, b) => a.precision - b.precision)
          .slice(0, 10)
          .map((w) => `"${w.query}" ${w.precision.toFixed(2)}`)
          .join(", ")}`,
      );
      expect(judgements).toBeGreaterThanOrEqual(300);
      expect(report.zeroResultRate).toBeLessThanOrEqual(MAX_ZERO_RESULT_RATE);
      expect(report.precisionAt10).toBeGreaterThanOrEqual(MIN_PRECISION_AT_10);
    },
  );
});
