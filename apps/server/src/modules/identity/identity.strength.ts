import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError } from "../../platform/errors";
import { lazyImport } from "../../platform/lazy";

/**
 * Password strength with zxcvbn-ts (the maintained TypeScript port of Dropbox's estimator): its
 * dictionaries hold the commonest passwords of the leaked corpora (tens of thousands in
 * language-common, plus English words, names and keyboard patterns), and it scores 0–4 from the
 * estimated number of guesses. Imported and built once, on first use (the dictionaries take a
 * moment to load: not at start).
 */
const zxcvbn = lazyImport(async (): Promise<ZxcvbnFactory> => {
  const [core, common, english] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
});

export interface Strength {
  score: number;
  warning: string | null;
  suggestions: string[];
}

/** Scores a password; `userInputs` (e-mail, username, name) count as known words. */
export async function passwordStrength(
  password: string,
  userInputs: readonly string[] = [],
): Promise<Strength> {
  const inputs = userInputs
    .flatMap((s) => [s, ...s.toLowerCase().split(/[^a-z0-9]+/)])
    .filter((s) => s.length > 2);
  const result = (await zxcvbn()).check(password, inputs);
  return {
    score: result.score,
    warning: result.feedback.warning ?? null,
    suggestions: result.feedback.suggestions,
  };
}

/** 400 `weak_password` when the password scores below `minScore`. */
export async function assertStrongPassword(
  password: string,
  minScore: number,
  userInputs: readonly string[] = [],
  path = "password",
): Promise<void> {
  const strength = await passwordStrength(password, userInputs);
  if (strength.score >= minScore) return;
  const why = [strength.warning, ...strength.suggestions].filter(Boolean).join(" ");
  throw new AppError(
    400,
    "weak_password",
    "Weak password",
    `This password is too easy to guess${why ? `: ${why}` : "."} Use a longer phrase of unrelated words.`,
    [{ path, message: "is too easy to guess" }],
  );
}
