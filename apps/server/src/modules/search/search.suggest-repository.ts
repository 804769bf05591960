import type { Queryable } from "../../db/client";

/** The statements behind `GET /api/search/suggest`: completions of what a buyer is typing. */
export function createSuggestRepository(db: Queryable) {
  return {
    /** Searches that found something, made by at least `minUsers` signed-in people. */
    popularQueries: (prefix: string, limit: number, minUsers: number) =>
      db.query<{ text: string }>(
        `SELECT query AS text FROM search_queries
         WHERE query LIKE $1 ESCAPE '\\' AND last_total > 0 AND users >= $3
         ORDER BY searches DESC, query LIMIT $2`,
        [`${likeEscape(prefix)}%`, limit, minUsers],
      ),

    popularTags: (prefix: string, limit: number) =>
      db.query<{ text: string }>(
        `SELECT tag AS text FROM search_tags WHERE tag LIKE $1 ESCAPE '\\' ORDER BY doc_count DESC, tag LIMIT $2`,
        [`${likeEscape(prefix)}%`, limit],
      ),

    matchingCategories: (prefix: string, limit: number) =>
      db.query<{ text: string; slug: string }>(
        `SELECT name AS text, slug FROM categories
         WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(name) LIKE $2 ESCAPE '\\'
         ORDER BY parent_id IS NOT NULL, position, name LIMIT $3`,
        [`${likeEscape(prefix)}%`, `% ${likeEscape(prefix)}%`, limit],
      ),
  };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
