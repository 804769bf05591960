// The memory index's typo vocabulary (search_words), kept apart from the index (search.memory-index.ts).
import type { VocabularyWord } from "./search.models";
import { withinOneEdit } from "./search.memory-slots";
import { REMEMBERED_SEARCHES } from "./search.memory-types";

/** The typo vocabulary: words by length, and every stem it holds. */
export class TypoVocabulary {
  private readonly words = new Map<string, VocabularyWord>();
  private readonly wordsByLength = new Map<number, VocabularyWord[]>();
  private readonly lexemes = new Set<string>();
  /** Typo candidates of recent words while the vocabulary stands still. */
  private readonly nearby = new Map<string, VocabularyWord[]>();

  /** Adds words to the typo vocabulary (known words keep their counts, as `search_words` does). */
  add(words: readonly VocabularyWord[]): void {
    for (const w of words) {
      if (this.words.has(w.word)) continue;
      this.nearby.clear();
      this.words.set(w.word, w);
      const sameLength = this.wordsByLength.get(w.word.length) ?? [];
      sameLength.push(w);
      this.wordsByLength.set(w.word.length, sameLength);
      if (w.lexeme !== null) this.lexemes.add(w.lexeme);
    }
  }

  /** Whether the vocabulary has every one of these stems (`resolveWords`' "known"). */
  has(lexemes: readonly string[]): boolean {
    return lexemes.every((l) => this.lexemes.has(l));
  }

  /** Vocabulary words at most one edit from `word`: the candidates `corrections` chooses from. */
  neighbours(word: string): VocabularyWord[] {
    const known = this.nearby.get(word);
    if (known) return known;
    const out: VocabularyWord[] = [];
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      for (const w of this.wordsByLength.get(length) ?? []) if (withinOneEdit(word, w.word)) out.push(w);
    }
    if (this.nearby.size >= REMEMBERED_SEARCHES) this.nearby.clear();
    this.nearby.set(word, out);
    return out;
  }
}
