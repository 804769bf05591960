import type { SearchSort } from "@atelier/contracts";
import type { CardRow, CountRow, SearchFilters, SearchTerm, VocabularyWord } from "./search.models";
import { classSizes, countRows, sum, walkPays } from "./search.memory-counts";
import { TypoVocabulary } from "./search.memory-vocabulary";
import {
  INITIAL_CAPACITY,
  REMEMBERED_MATCH_SETS,
  REMEMBERED_SEARCHES,
  SORT_COLUMNS,
  SORTS,
  toCardRow,
  type Card,
  type CodedFilters,
  type IndexedDocument,
  type MemoryQuery,
  type MemoryResult,
  type RelaxedResult,
  type SortColumn,
  type Tally,
} from "./search.memory-types";
import {
  Codes,
  intersect,
  PageBuffer,
  Postings,
  remapped,
  slotOrder,
  SortedSlots,
  union,
  type SlotList,
} from "./search.memory-slots";

export type { IndexedDocument, MemoryQuery, MemoryResult, RelaxedResult } from "./search.memory-types";

/**
 * The search index held in memory (the "memory" engine, see docs/search.md): every searchable
 * document's card, filter columns, sort keys and lexemes, with an inverted index from lexeme to
 * documents. It answers a search — match set, filters, facet counts, one page in any sort after a
 * cursor — in one pass over the matching documents, with the same semantics as the SQL of
 * search.repository.ts. No I/O here: the engine (search.memory-engine.ts) loads and refreshes it.
 */
export class MemoryIndex {
  private capacity = 0;
  /** Slots used; removed documents leave dead slots until `compact`. */
  private size = 0;
  private dead = 0;
  private alive = new Uint8Array(0);
  private category = new Uint32Array(0);
  private topCategory = new Uint32Array(0);
  private level = new Uint8Array(0);
  private price = new Float64Array(0);
  private days = new Float64Array(0);
  private ratingSum = new Float64Array(0);
  private ratingCount = new Float64Array(0);
  private keys: Record<SortColumn, Float64Array> = {
    quality: new Float64Array(0),
    orders: new Float64Array(0),
    ratingScore: new Float64Array(0),
    published: new Float64Array(0),
    price: new Float64Array(0),
  };
  private cards: (Card | undefined)[] = [];
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private postings = new Map<string, Postings>();
  /** The documents of each category (by code; top categories included), for browsing without words. */
  private byCategory = new Map<number, Postings>();
  /** Every slot (dead ones until compaction) in ascending (key, id) order, per sort column, once used. */
  private readonly orders = new Map<SortColumn, SortedSlots>();
  /** Counts of recent searches (per words, filters and buckets) while no document changes. */
  private readonly counted = new Map<string, CountRow[]>();
  /** Match sets of recent words (per stems) while no document changes. */
  private readonly matchSets = new Map<string, SlotList>();
  /** Per match set, each slot's text class (-1: no match), for walking the quality order. */
  private readonly classMaps = new Map<string, Int8Array>();
  private readonly categories = new Codes();
  private readonly levels = new Codes();
  /** The typo vocabulary (search_words). */
  private readonly vocabulary = new TypoVocabulary();

  /** Searchable documents. */
  get documents(): number {
    return this.size - this.dead;
  }

  /** Adds or replaces a document. */
  upsert(doc: IndexedDocument): void {
    this.remove(doc.gigId);
    if (this.size === this.capacity) this.grow(Math.max(INITIAL_CAPACITY, this.capacity * 2));
    const slot = this.size++;
    const { titleLexemes, strongLexemes, allLexemes, ...card } = doc;
    this.cards[slot] = card;
    this.ids[slot] = doc.gigId;
    this.slotOf.set(doc.gigId, slot);
    this.alive[slot] = 1;
    this.forgetResults();
    const category = this.categories.code(doc.categoryId);
    const topCategory = this.categories.code(doc.topCategoryId);
    this.category[slot] = category;
    this.topCategory[slot] = topCategory;
    for (const code of new Set([category, topCategory])) {
      let list = this.byCategory.get(code);
      if (!list) {
        list = new Postings();
        this.byCategory.set(code, list);
      }
      list.push(slot, 0);
    }
    this.level[slot] = this.levels.code(doc.sellerLevel);
    this.price[slot] = doc.startingPrice;
    this.days[slot] = doc.deliveryDays;
    this.ratingSum[slot] = doc.ratingSum;
    this.ratingCount[slot] = doc.ratingCount;
    this.keys.quality[slot] = doc.quality;
    this.keys.orders[slot] = doc.ordersCompleted;
    this.keys.ratingScore[slot] = doc.ratingScore;
    this.keys.published[slot] = doc.publishedAt;
    this.keys.price[slot] = doc.startingPrice;
    for (const [column, order] of this.orders) order.insert(slot, slotOrder(this.keys[column], this.ids));
    const title = new Set(titleLexemes);
    const strong = new Set(strongLexemes);
    for (const lexeme of new Set([...titleLexemes, ...strongLexemes, ...allLexemes])) {
      let list = this.postings.get(lexeme);
      if (!list) {
        list = new Postings();
        this.postings.set(lexeme, list);
      }
      list.push(slot, title.has(lexeme) ? 2 : strong.has(lexeme) ? 1 : 0);
    }
  }

  /** Removes a document (no-op when absent): its slot stays, dead, until `compact`. */
  remove(gigId: string): void {
    const slot = this.slotOf.get(gigId);
    if (slot === undefined) return;
    this.slotOf.delete(gigId);
    this.forgetResults();
    this.alive[slot] = 0;
    this.cards[slot] = undefined;
    this.dead++;
  }

  /** Whether dead slots have grown to a share worth reclaiming. */
  needsCompaction(): boolean {
    return this.dead > 1000 && this.dead > this.size / 5;
  }

  /** Drops dead slots: slots are renumbered in order, so every posting list stays sorted. */
  compact(): void {
    const to = new Int32Array(this.size).fill(-1);
    let n = 0;
    for (let slot = 0; slot < this.size; slot++) if (this.alive[slot]) to[slot] = n++;
    const move = <T extends Float64Array | Uint32Array | Uint8Array>(column: T): T => {
      for (let slot = 0; slot < this.size; slot++) {
        const target = to[slot] ?? -1;
        if (target >= 0) column[target] = column[slot] ?? 0;
      }
      return column;
    };
    for (const column of [this.alive, this.category, this.topCategory, this.level, this.price, this.days]) {
      move(column);
    }
    for (const column of [this.ratingSum, this.ratingCount, ...Object.values(this.keys)]) move(column);
    this.cards = this.cards.filter((c) => c !== undefined);
    this.ids = this.cards.map((c) => c?.gigId ?? "");
    this.ids.forEach((id, slot) => this.slotOf.set(id, slot));
    this.postings = remapped(this.postings, to);
    this.byCategory = remapped(this.byCategory, to);
    this.forgetResults();
    this.size = n;
    this.dead = 0;
    this.alive.fill(0, n);
    for (const order of this.orders.values()) order.renumber(to);
  }

  /** Adds words to the typo vocabulary (known words keep their counts, as `search_words` does). */
  addWords(words: readonly VocabularyWord[]): void {
    this.vocabulary.add(words);
  }

  /** Whether the vocabulary has every one of these stems (`resolveWords`' "known"). */
  vocabularyHas(lexemes: readonly string[]): boolean {
    return this.vocabulary.has(lexemes);
  }

  /** Vocabulary words at most one edit from `word`: the candidates `corrections` chooses from. */
  neighbours(word: string): VocabularyWord[] {
    return this.vocabulary.neighbours(word);
  }

  /** Whether any searchable document has any of these stems (`lexemesIndexed` of one word). */
  hasAnyLexeme(lexemes: readonly string[]): boolean {
    for (const lexeme of lexemes) {
      const list = this.postings.get(lexeme);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) if (this.alive[list.slots[i] ?? 0]) return true;
    }
    return false;
  }

  /**
   * How many documents hold a stem (its posting list's length, dead slots until compaction
   * included): a word's selectivity for the brief candidate search (search.candidates.ts). Read only.
   */
  postingSize(lexeme: string): number {
    return this.postings.get(lexeme)?.length ?? 0;
  }

  /**
   * A relaxed search (docs/search.md "Never a dead end"): every document matching at least one
   * term, ordered by its tier — how many terms it matches (times three, plus the weakest text class
   * among them, in relevance order) — then as the sort says; exact counts and facets of that set.
   * `after.textClass` carries the tier of the previous page's last row. The SQL engine's
   * `relaxedPage` orders the same way.
   */
  relaxedSearch(q: MemoryQuery): RelaxedResult {
    const words = q.terms.filter((t) => t.lexemes.length > 0);
    // Per slot: how many of the words it has, and its weakest text class among them. The
    // candidates are then read off in slot order in one pass (no list of touched slots to sort).
    const matched = new Uint8Array(this.size);
    const weakest = new Uint8Array(this.size).fill(2);
    let touched = 0;
    for (const term of words) {
      const list = this.termDocuments(term);
      const { slots, classes } = list;
      for (let i = 0; i < list.length; i++) {
        const slot = slots[i] as number;
        const count = matched[slot] as number;
        if (count === 0) touched++;
        matched[slot] = count + 1;
        const cls = classes[i] as number;
        if (cls < (weakest[slot] as number)) weakest[slot] = cls;
      }
    }
    const relevance = q.sort === "relevance";
    const candidates: SlotList = {
      slots: new Uint32Array(touched),
      classes: new Uint8Array(touched),
      length: touched,
    };
    for (let slot = 0, n = 0; n < touched; slot++) {
      const count = matched[slot] as number;
      if (count === 0) continue;
      candidates.slots[n] = slot;
      candidates.classes[n++] = relevance ? count * 3 + (weakest[slot] as number) : count;
    }
    const width = q.deliveryDays.length + 1;
    const tally: Tally = {
      total: new Float64Array(width),
      byCategory: new Float64Array(this.categories.values.length * width),
      byLevel: new Float64Array(this.levels.values.length * width),
      byClass: new Float64Array(256),
    };
    const rows: RelaxedResult["rows"] = [];
    const coded = this.coded(q.filters);
    if (coded) {
      const { column, descending } = SORTS[q.sort];
      const page = new PageBuffer(q.need, true, descending, this.keys[column], this.ids, q.after);
      this.scan(candidates, coded, q.deliveryDays, tally, page);
      for (let i = 0; i < page.slots.length; i++) {
        rows.push({ row: this.cardRow(page.slots[i] ?? 0, q.sort), tier: page.classes[i] ?? 0 });
      }
    }
    return {
      countRows: countRows(tally, q.deliveryDays, 0, 0, {
        categories: this.categories.values,
        levels: this.levels.values,
      }),
      rows,
    };
  }

  /** A search's filters as codes; null when a filter names a value no document has. */
  private coded(f: SearchFilters): CodedFilters | null {
    const category = f.category ? this.categories.find(f.category.id) : -2;
    const level = f.sellerLevel === null ? -2 : this.levels.find(f.sellerLevel);
    if (category === -1 || level === -1) return null;
    return {
      category,
      categoryIsTop: f.category?.isTop ?? false,
      level,
      minPrice: f.minPrice ?? Number.NEGATIVE_INFINITY,
      maxPrice: f.maxPrice ?? Number.POSITIVE_INFINITY,
      maxDays: f.maxDeliveryDays ?? Number.POSITIVE_INFINITY,
      minRatingCenti: f.minRatingCenti ?? -1,
      aiNone: f.aiUse === "none",
      facetIsCategory: f.category !== null,
    };
  }

  /** The counts and one page of a search. */
  search(q: MemoryQuery): MemoryResult {
    const words = q.terms.filter((t) => t.lexemes.length > 0);
    const matchKey = JSON.stringify(words.map((t) => t.lexemes));
    const matched = words.length > 0 ? this.match(matchKey, words) : null;
    const buckets = q.deliveryDays.length;
    const width = buckets + 1;
    const tally: Tally = {
      total: new Float64Array(width),
      byCategory: new Float64Array(this.categories.values.length * width),
      byLevel: new Float64Array(this.levels.values.length * width),
      byClass: new Float64Array(3),
    };
    const rows: MemoryResult["rows"] = [];
    const f = q.filters;
    const category = f.category ? this.categories.find(f.category.id) : -2;
    const level = f.sellerLevel === null ? -2 : this.levels.find(f.sellerLevel);
    const ranked = matched !== null && q.sort === "relevance";
    // Counts do not depend on the sort or the cursor: other pages and sorts of a search reuse them.
    const countKey = JSON.stringify([words.map((t) => t.lexemes), f, q.deliveryDays]);
    const counted = this.counted.get(countKey);
    if (category !== -1 && level !== -1 && (matched === null || matched.length > 0)) {
      const { column, descending } = SORTS[q.sort];
      const page = new PageBuffer(q.need, ranked, descending, this.keys[column], this.ids, q.after);
      // Without words, a category's own list is shorter than every document.
      const candidates = matched ?? (category >= 0 ? (this.byCategory.get(category) ?? null) : null);
      const coded: CodedFilters = {
        category,
        categoryIsTop: f.category?.isTop ?? false,
        level,
        minPrice: f.minPrice ?? Number.NEGATIVE_INFINITY,
        maxPrice: f.maxPrice ?? Number.POSITIVE_INFINITY,
        maxDays: f.maxDeliveryDays ?? Number.POSITIVE_INFINITY,
        minRatingCenti: f.minRatingCenti ?? -1,
        aiNone: f.aiUse === "none",
        facetIsCategory: f.category !== null,
      };
      // Counts known and no words: the page is the first rows of the sort order that pass the filters.
      if (counted && matched === null) this.walk(column, descending, coded, q.after, q.need, page, null, 0);
      else if (counted && matched && ranked && walkPays(this.size, matched, counted, q)) {
        this.rankedWalk(this.classMap(matchKey, matched), counted, coded, q, page);
      } else this.scan(candidates, coded, q.deliveryDays, counted ? null : tally, page);
      for (let i = 0; i < page.slots.length; i++) {
        const slot = page.slots[i] ?? 0;
        const textClass = page.classes[i] ?? 0;
        rows.push({
          row: this.cardRow(slot, q.sort),
          textClass: ranked ? (textClass === 2 ? 2 : textClass === 1 ? 1 : 0) : null,
        });
      }
    }
    const titleN = matched ? (tally.byClass[2] ?? 0) : 0;
    const strongN = matched ? titleN + (tally.byClass[1] ?? 0) : 0;
    const { total, byCategory, byLevel } = tally;

    /** A counting row from per-bucket counts at `at`: the total, and the cumulative delivery buckets. */
    const countRow = (
      group: CountRow["group"],
      categoryId: string | null,
      sellerLevel: string | null,
      counts: Float64Array,
      at: number,
    ): CountRow => ({
      group,
      category_id: categoryId,
      seller_level: sellerLevel,
      n: sum(counts, at, width),
      title_n: group === "total" ? titleN : 0,
      strong_n: group === "total" ? strongN : 0,
      delivery: q.deliveryDays.map((_, b) => sum(counts, at, b + 1)),
    });
    if (counted) return { countRows: counted, rows };
    const countRows = [
      countRow("total", null, null, total, 0),
      ...this.categories.values
        .map((id, c) => countRow("category", id, null, byCategory, c * width))
        .filter((r) => r.n > 0),
      ...this.levels.values
        .map((value, l) => countRow("level", null, value, byLevel, l * width))
        .filter((r) => r.n > 0),
    ];
    if (this.counted.size >= REMEMBERED_SEARCHES) this.counted.clear();
    this.counted.set(countKey, countRows);
    return { countRows, rows };
  }

  /**
   * The one pass of a search: every candidate (the matches, a category's documents, or every slot)
   * that passes the filters is counted (unless `tally` is null: counts known) and offered to the page. Kept apart from `search` so that the engine optimises this
   * loop as a whole function instead of recompiling it on every call.
   */
  private scan(
    candidates: SlotList | null,
    f: CodedFilters,
    bounds: readonly number[],
    tally: Tally | null,
    page: PageBuffer,
  ): void {
    const { alive, level: levels, price: prices, days: deliveryDays, ratingSum, ratingCount } = this;
    const inCategory = f.categoryIsTop ? this.topCategory : this.category;
    const facet = f.facetIsCategory ? this.category : this.topCategory;
    const counting = tally !== null;
    const none = new Float64Array(0);
    const { total, byCategory, byLevel, byClass } = tally ?? {
      total: none,
      byCategory: none,
      byLevel: none,
      byClass: none,
    };
    const buckets = bounds.length;
    const width = buckets + 1;
    const slots = candidates?.slots;
    const classes = candidates?.classes;
    const count = candidates ? candidates.length : this.size;
    for (let k = 0; k < count; k++) {
      const slot = slots ? (slots[k] ?? 0) : k;
      if (alive[slot] === 0) continue;
      if (f.category >= 0 && inCategory[slot] !== f.category) continue;
      if (f.level >= 0 && levels[slot] !== f.level) continue;
      const price = prices[slot] ?? 0;
      if (price < f.minPrice || price > f.maxPrice) continue;
      const days = deliveryDays[slot] ?? 0;
      if (days > f.maxDays) continue;
      if (f.aiNone && this.cards[slot]?.aiUse !== "none") continue;
      if (f.minRatingCenti >= 0) {
        const n = ratingCount[slot] ?? 0;
        if (!(n > 0 && (ratingSum[slot] ?? 0) * 100 >= f.minRatingCenti * n)) continue;
      }
      const textClass = classes ? (classes[k] ?? 0) : 0;
      page.offer(slot, textClass);
      if (!counting) continue;
      // Counted under the first delivery bucket the document falls in; buckets are summed afterwards.
      let bucket = 0;
      while (bucket < buckets && days > (bounds[bucket] ?? 0)) bucket++;
      const cat = (facet[slot] ?? 0) * width + bucket;
      const lvl = (levels[slot] ?? 0) * width + bucket;
      total[bucket] = (total[bucket] ?? 0) + 1;
      byCategory[cat] = (byCategory[cat] ?? 0) + 1;
      byLevel[lvl] = (byLevel[lvl] ?? 0) + 1;
      byClass[textClass] = (byClass[textClass] ?? 0) + 1;
    }
  }

  /**
   * A page without words and without counting: walks the sort order from the cursor and keeps the
   * first rows that pass the filters (a few dozen reads for common filters instead of every document).
   */
  private walk(
    column: SortColumn,
    descending: boolean,
    f: CodedFilters,
    after: { key: number | string; gigId: string } | null,
    need: number,
    page: PageBuffer,
    classOf: Int8Array | null,
    textClass: number,
  ): void {
    const order = this.sortedBy(column);
    const compare = slotOrder(this.keys[column], this.ids);
    let i = descending ? order.length - 1 : 0;
    if (after) {
      const key = typeof after.key === "string" ? Date.parse(after.key) : after.key;
      const id = after.gigId;
      // The first position after the cursor in the walk's direction.
      const above = order.firstAbove((slot) => compare.withValues(slot, key, id) > 0);
      const atOrAbove = order.firstAbove((slot) => compare.withValues(slot, key, id) >= 0);
      i = descending ? atOrAbove - 1 : above;
    }
    const step = descending ? -1 : 1;
    const inCategory = f.categoryIsTop ? this.topCategory : this.category;
    for (; i >= 0 && i < order.length && page.slots.length < need; i += step) {
      const slot = order.slots[i] ?? 0;
      if (this.alive[slot] === 0) continue;
      if (classOf && classOf[slot] !== textClass) continue;
      if (f.category >= 0 && inCategory[slot] !== f.category) continue;
      if (f.level >= 0 && this.level[slot] !== f.level) continue;
      const price = this.price[slot] ?? 0;
      if (price < f.minPrice || price > f.maxPrice) continue;
      if ((this.days[slot] ?? 0) > f.maxDays) continue;
      if (f.aiNone && this.cards[slot]?.aiUse !== "none") continue;
      if (f.minRatingCenti >= 0) {
        const n = this.ratingCount[slot] ?? 0;
        if (!(n > 0 && (this.ratingSum[slot] ?? 0) * 100 >= f.minRatingCenti * n)) continue;
      }
      page.offer(slot, textClass);
    }
  }

  /** A relevance page: each class in turn (from the cursor's), walking the quality order. */
  private rankedWalk(
    classOf: Int8Array,
    counted: readonly CountRow[],
    f: CodedFilters,
    q: MemoryQuery,
    page: PageBuffer,
  ): void {
    const sizes = classSizes(counted);
    const start = q.after?.textClass ?? 2;
    for (let textClass = start; textClass >= 0 && page.slots.length < q.need; textClass--) {
      if ((sizes[textClass] ?? 0) === 0) continue;
      const after = textClass === start ? q.after : null;
      this.walk("quality", true, f, after, q.need, page, classOf, textClass);
    }
  }

  private classMap(key: string, matched: SlotList): Int8Array {
    let classOf = this.classMaps.get(key);
    if (!classOf) {
      classOf = new Int8Array(this.size).fill(-1);
      for (let i = 0; i < matched.length; i++) classOf[matched.slots[i] ?? 0] = matched.classes[i] ?? 0;
      if (this.classMaps.size >= REMEMBERED_MATCH_SETS) this.classMaps.clear();
      this.classMaps.set(key, classOf);
    }
    return classOf;
  }

  /** Builds the sort orders now rather than on a search's first use of each (after a bulk load). */
  sortAll(): void {
    for (const column of SORT_COLUMNS) this.sortedBy(column);
  }

  private sortedBy(column: SortColumn): SortedSlots {
    let order = this.orders.get(column);
    if (!order) {
      const compare = slotOrder(this.keys[column], this.ids);
      order = new SortedSlots(
        Uint32Array.from({ length: this.size }, (_, i) => i).sort((a, b) => compare.slots(a, b)),
      );
      this.orders.set(column, order);
    }
    return order;
  }

  /** Forgets what was derived from the documents (they changed). */
  private forgetResults(): void {
    this.counted.clear();
    this.matchSets.clear();
    this.classMaps.clear();
  }

  /** The documents matching every term, each with its text class. */
  private match(key: string, terms: readonly SearchTerm[]): SlotList {
    const known = this.matchSets.get(key);
    if (known) return known;
    const matched = this.intersectTerms(terms);
    if (this.matchSets.size >= REMEMBERED_MATCH_SETS) this.matchSets.clear();
    this.matchSets.set(key, matched);
    return matched;
  }

  private intersectTerms(terms: readonly SearchTerm[]): SlotList {
    const lists = terms.map((t) => this.termDocuments(t)).sort((a, b) => a.length - b.length);
    let result = lists[0] ?? { slots: new Uint32Array(0), classes: new Uint8Array(0), length: 0 };
    for (const list of lists.slice(1)) {
      if (result.length === 0) break;
      result = intersect(result, list);
    }
    return result;
  }

  /** The documents having any of a term's stems, with the strongest class among them. */
  private termDocuments(term: SearchTerm): SlotList {
    let result: SlotList = { slots: new Uint32Array(0), classes: new Uint8Array(0), length: 0 };
    for (const lexeme of new Set(term.lexemes)) {
      const list = this.postings.get(lexeme);
      if (!list) continue;
      result = result.length === 0 ? list : union(result, list);
    }
    return result;
  }

  private cardRow(slot: number, sort: SearchSort): CardRow {
    const card = this.cards[slot];
    if (!card) throw new Error(`no document in slot ${slot}`);
    return toCardRow(card, this.keys[SORTS[sort].column][slot] ?? 0, sort);
  }

  private grow(capacity: number): void {
    const widen = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.alive = widen(this.alive, (n) => new Uint8Array(n));
    this.category = widen(this.category, (n) => new Uint32Array(n));
    this.topCategory = widen(this.topCategory, (n) => new Uint32Array(n));
    this.level = widen(this.level, (n) => new Uint8Array(n));
    this.price = widen(this.price, (n) => new Float64Array(n));
    this.days = widen(this.days, (n) => new Float64Array(n));
    this.ratingSum = widen(this.ratingSum, (n) => new Float64Array(n));
    this.ratingCount = widen(this.ratingCount, (n) => new Float64Array(n));
    for (const column of SORT_COLUMNS) {
      this.keys[column] = widen(this.keys[column], (n) => new Float64Array(n));
    }
    this.capacity = capacity;
  }
}
