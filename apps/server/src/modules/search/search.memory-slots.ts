import type { TextClass } from "./search.models";

/** The memory index's building blocks: posting lists, sorted slot orders, codes and the page buffer. */

/** The documents holding one lexeme, in slot order, with the text class the lexeme has in each. */
export class Postings {
  slots = new Uint32Array(4);
  classes = new Uint8Array(4);
  length = 0;

  push(slot: number, textClass: TextClass): void {
    if (this.length === this.slots.length) {
      const slots = new Uint32Array(this.length * 2);
      slots.set(this.slots);
      this.slots = slots;
      const classes = new Uint8Array(this.length * 2);
      classes.set(this.classes);
      this.classes = classes;
    }
    this.slots[this.length] = slot;
    this.classes[this.length] = textClass;
    this.length++;
  }
}

/** A set of document slots in ascending order with a text class each. */
export interface SlotList {
  slots: Uint32Array;
  classes: Uint8Array;
  length: number;
}

/** The slots of `a` that are also in `b`, with the weaker of the two classes (every word must match). */
export function intersect(a: SlotList, b: SlotList): SlotList {
  const size = Math.min(a.length, b.length);
  const slots = new Uint32Array(size);
  const classes = new Uint8Array(size);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const slot = a.slots[i] ?? 0;
    while (j < b.length && (b.slots[j] ?? 0) < slot) j++;
    if (j < b.length && b.slots[j] === slot) {
      slots[n] = slot;
      classes[n] = Math.min(a.classes[i] ?? 0, b.classes[j] ?? 0);
      n++;
    }
  }
  return { slots, classes, length: n };
}

/** The slots in `a` or `b`, with the stronger class (any of a word's alternatives may match). */
export function union(a: SlotList, b: SlotList): SlotList {
  const slots = new Uint32Array(a.length + b.length);
  const classes = new Uint8Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a.slots[i] ?? 0) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b.slots[j] ?? 0) : Number.POSITIVE_INFINITY;
    if (x === y) {
      slots[n] = x;
      classes[n++] = Math.max(a.classes[i++] ?? 0, b.classes[j++] ?? 0);
    } else if (x < y) {
      slots[n] = x;
      classes[n++] = a.classes[i++] ?? 0;
    } else {
      slots[n] = y;
      classes[n++] = b.classes[j++] ?? 0;
    }
  }
  return { slots, classes, length: n };
}

/** Whether `a` and `b` are at most one insertion, deletion, substitution or adjacent swap apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    let first = -1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      if (first >= 0) {
        // A second difference: only an adjacent transposition of the first one is still one edit.
        return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
      }
      first = i;
    }
    return true;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** Compares slots by (key, id) on one column: with another slot, or with a cursor's values. */
export interface SlotOrder {
  slots(a: number, b: number): number;
  withValues(slot: number, key: number, id: string): number;
}

/** Ascending (key, id) order of slots on one sort column, given its keys and the slots' gig ids. */
export function slotOrder(keys: Float64Array, ids: readonly string[]): SlotOrder {
  const withValues = (slot: number, key: number, id: string) => {
    const k = keys[slot] ?? 0;
    if (k !== key) return k < key ? -1 : 1;
    const own = ids[slot] ?? "";
    return own === id ? 0 : own < id ? -1 : 1;
  };
  return { withValues, slots: (a, b) => withValues(a, keys[b] ?? 0, ids[b] ?? "") };
}

/** Slots in ascending (key, id) order; a new slot is inserted in place (one memory move). */
export class SortedSlots {
  length: number;

  constructor(public slots: Uint32Array) {
    this.length = slots.length;
  }

  /** The first position whose slot satisfies `above` (which must hold for a suffix of the order). */
  firstAbove(above: (slot: number) => boolean): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (above(this.slots[mid] ?? 0)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insert(slot: number, order: SlotOrder): void {
    const at = this.firstAbove((other) => order.slots(other, slot) > 0);
    if (this.length === this.slots.length) {
      const grown = new Uint32Array(Math.max(16, this.length * 2));
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.length++;
  }

  /** Renumbers slots after a compaction (-1: dropped); the order is unchanged. */
  renumber(to: Int32Array): void {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const target = to[this.slots[i] ?? 0] ?? -1;
      if (target >= 0) this.slots[kept++] = target;
    }
    this.length = kept;
  }
}

/** Posting lists with slots renumbered by `to` (-1: dropped); lists left empty are dropped. */
export function remapped<K>(lists: Map<K, Postings>, to: Int32Array): Map<K, Postings> {
  const out = new Map<K, Postings>();
  for (const [key, list] of lists) {
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const target = to[list.slots[i] ?? 0] ?? -1;
      if (target < 0) continue;
      list.slots[kept] = target;
      list.classes[kept] = list.classes[i] ?? 0;
      kept++;
    }
    list.length = kept;
    if (kept > 0) out.set(key, list);
  }
  return out;
}

/** A small dictionary of string values (categories, seller levels) to codes stored per document. */
export class Codes {
  readonly values: string[] = [];
  private readonly byValue = new Map<string, number>();

  code(value: string): number {
    let n = this.byValue.get(value);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.byValue.set(value, n);
    }
    return n;
  }

  /** The code of a value, or -1 when no document has it. */
  find(value: string): number {
    return this.byValue.get(value) ?? -1;
  }
}

/**
 * The first `need` rows after the cursor in a search's order: (text class when ranked, sort key,
 * id), descending or ascending. A sorted buffer (pages are small); most rows are turned away by
 * one comparison with its last row.
 */
export class PageBuffer {
  readonly slots: number[] = [];
  readonly classes: number[] = [];
  private readonly after: { textClass: number; key: number; id: string } | null;

  constructor(
    private readonly need: number,
    private readonly ranked: boolean,
    private readonly descending: boolean,
    private readonly keys: Float64Array,
    private readonly ids: readonly string[],
    after: { textClass: number | null; key: number | string; gigId: string } | null,
  ) {
    this.after = after && {
      textClass: ranked ? (after.textClass ?? 0) : 0,
      key: typeof after.key === "string" ? Date.parse(after.key) : after.key,
      id: after.gigId,
    };
  }

  offer(slot: number, textClass: number): void {
    const key = this.keys[slot] ?? 0;
    const a = this.after;
    if (a && !this.precedes(a.textClass, a.key, a.id, textClass, key, slot)) return;
    let n = this.slots.length;
    if (n === this.need) {
      const last = this.slots[n - 1] ?? 0;
      const lastClass = this.classes[n - 1] ?? 0;
      if (!this.precedes(textClass, key, this.ids[slot] ?? "", lastClass, this.keys[last] ?? 0, last)) return;
      this.slots.pop();
      this.classes.pop();
      n--;
    }
    const id = this.ids[slot] ?? "";
    while (n > 0) {
      const other = this.slots[n - 1] ?? 0;
      if (!this.precedes(textClass, key, id, this.classes[n - 1] ?? 0, this.keys[other] ?? 0, other)) break;
      n--;
    }
    this.slots.splice(n, 0, slot);
    this.classes.splice(n, 0, textClass);
  }

  /** Whether the row (textClass, key, id) comes strictly before the row in `slot`. */
  private precedes(
    textClass: number,
    key: number,
    id: string,
    slotClass: number,
    slotKey: number,
    slot: number,
  ) {
    if (this.ranked && textClass !== slotClass) return textClass > slotClass;
    if (key !== slotKey) return this.descending ? key > slotKey : key < slotKey;
    const slotId = this.ids[slot] ?? "";
    return this.descending ? id > slotId : id < slotId;
  }
}
