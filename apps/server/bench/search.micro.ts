/**
 * Statement-level before/after of the SQL engine's price-sort bound (docs/benchmarks/search.md):
 * sequential, one client, each word new to the caches, against a generated corpus.
 *
 *   DATABASE_URL=postgres://…/atelier_bench npx tsx bench/search.micro.ts
 */
import { loadavg } from "node:os";
import { loadConfig } from "../src/app/config";
import { openDatabase } from "../src/db/open";
import { NO_FILTERS } from "../src/modules/search/search.models";
import { createSearchRepository, type PageQuery } from "../src/modules/search/search.repository";

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN).toFixed(1);
  return `p50 ${at(0.5)} p95 ${at(0.95)} max ${at(1)} (n ${sorted.length})`;
}

async function main() {
  const db = await openDatabase(loadConfig(process.env));
  const repo = createSearchRepository(db);
  const load = () => (loadavg()[0] ?? 0).toFixed(1);
  try {
    const words = await db.query<{ word: string }>(
      "SELECT word FROM search_words WHERE doc_count > 500 AND word ~ '^[a-z]{6,}$' ORDER BY md5(word) LIMIT 60",
    );
    const trigram: number[] = [];
    for (const [i, { word }] of words.entries()) {
      const typo = word.slice(0, 2 + (i % 3)) + word.slice(3 + (i % 3));
      trigram.push(await time(() => repo.nearestWords(typo, 40)));
    }
    process.stdout.write(`load ${load()}: typo candidates, 40 trigram neighbours: ${stats(trigram)}\n`);

    const lexemes = await db.query<{ lexeme: string }>(
      "SELECT lexeme FROM search_words WHERE doc_count BETWEEN 5000 AND 200000 AND lexeme ~ '^[a-z]+$' ORDER BY md5(word) LIMIT 60",
    );
    const threshold =
      (await db.query<{ t: number }>("SELECT sample_threshold AS t FROM search_settings"))[0]?.t ?? 0;
    const rate = threshold / 2 ** 31;
    const whole: number[] = [];
    const bounded: number[] = [];
    const walked: number[] = [];
    for (const [i, { lexeme }] of lexemes.entries()) {
      const query: PageQuery = {
        match: { tsquery: `'${lexeme}'`, textClass: "any" },
        filters: NO_FILTERS,
        sort: i % 6 < 3 ? "price_desc" : "price_asc",
        after: null,
        limit: 21,
      };
      const rank = Math.max(3, Math.ceil(21 * rate * 4));
      // Rotate words between the three plans, so none reads pages another warmed.
      if (i % 3 === 0) whole.push(await time(() => repo.matchPage(query)));
      else if (i % 3 === 1) {
        bounded.push(
          await time(async () => {
            const bound = await repo.samplePriceBound(query, rank);
            const rows = await repo.matchPage(query, bound?.key ?? null);
            if (rows.length < 21) await repo.matchPage(query);
          }),
        );
      } else {
        // The walk of the price order up to the bound, with fetchPage's budget (no plan choice).
        walked.push(
          await time(async () => {
            const bound = await repo.samplePriceBound(query, rank);
            const rows = bound
              ? await repo.scanPage(query, Math.ceil((4 * 21 * bound.sampledInRange) / rank), bound.key)
              : [];
            if (rows.length < 21) await repo.matchPage(query, bound?.key ?? null);
          }),
        );
      }
    }
    process.stdout.write(
      `load ${load()}: price-sorted page of a common word: whole match set ${stats(whole)}; ` +
        `bounded match set ${stats(bounded)}; walk to the bound ${stats(walked)}\n`,
    );
  } finally {
    await db.close();
  }
}

void main();
