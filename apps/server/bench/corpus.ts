/**
 * The generated corpus the search and matching benchmarks share: made once per database (PGlite
 * directory or PostgreSQL database) and kept, grown when a run asks for more gigs, and its search
 * index rebuilt when the documents do not match the searchable gigs.
 */
import type { Db } from "../src/db/client";
import { loadConfig } from "../src/app/config";
import { rebuildSearchIndex } from "../src/modules/search/search.indexer";
import { progress } from "../src/platform/progress";
import { corpusSize, seedCorpus } from "../src/seed/corpus";

export async function ensureCorpus(db: Db, gigs: number): Promise<void> {
  const config = loadConfig();
  const size = await corpusSize(db);
  if (size.gigs < gigs) {
    const bar = progress("generating gigs", gigs - size.gigs);
    try {
      await seedCorpus(db, {
        gigs: gigs - size.gigs,
        now: new Date(),
        currency: config.currency,
        argon2: config.auth.argon2,
        progress: bar,
      });
    } finally {
      bar.stop();
    }
  }
  const docs = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_documents");
  const active = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM gigs g JOIN users u ON u.id = g.seller_id WHERE g.status = 'active' AND u.suspended_at IS NULL",
  );
  if (size.gigs < gigs || docs[0]?.n !== active[0]?.n) {
    await rebuildSearchIndex(db, { sampleSize: config.search.sampleSize, progress });
  }
}
