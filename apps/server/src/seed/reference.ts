import type { Db } from "../db/client";
import { newId } from "../platform/ids";
import { TAXONOMY } from "./taxonomy";

/** Reference data every marketplace needs (the category tree); safe to run at every start. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await tx.query<{ count: number }>("SELECT count(*)::int AS count FROM categories");
    if ((existing[0]?.count ?? 0) > 0) return;
    let position = 0;
    for (const top of TAXONOMY) {
      const parentId = newId("cat");
      await tx.query(
        "INSERT INTO categories (id, slug, name, parent_id, position, description) VALUES ($1, $2, $3, NULL, $4, $5)",
        [parentId, top.slug, top.name, position++, top.description],
      );
      let childPosition = 0;
      for (const child of top.children) {
        await tx.query(
          "INSERT INTO categories (id, slug, name, parent_id, position) VALUES ($1, $2, $3, $4, $5)",
          [newId("cat"), child.slug, child.name, parentId, childPosition++],
        );
      }
    }
  });
}
