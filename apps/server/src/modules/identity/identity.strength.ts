import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { AppError } from "../../platform/errors";

/**
 * Password strength with zxcvbn-ts (the maintained TypeScript port of Dropbox's estimator): its
 * dictionaries hold the commonest passwords of the leaked corpora (tens of thousands in
 * language-common, plus English words, names and keyboard patterns), and it scores 0–4 from the
 * estimated number of guesses. Built once, on first use (the dictionaries take a moment to load).
 */
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
  });
  return estimator;
}

export interface Strength {
  score: number;
  warning: string | null;
  suggestions: string[];
}

/** Scores a password; `userInputs` (e-mail, username, name) count as known words. */
export function passwordStrength(password: string, userInputs: readonly string[] = []): Strength {
  const inputs = userInputs
    .flatMap((s) => [s, ...s.toLowerCase().split(/[^a-z0-9]+/)])
    .filter((s) => s.length > 2);
  const result = zxcvbn().check(password, inputs);
  return {
    score: result.score,
    warning: result.feedback.warning ?? null,
    suggestions: result.feedback.suggestions,
  };
}

/** 400 `weak_password` when the password scores below `minScore`. */
export function assertStrongPassword(
  password: string,
  minScore: number,
  userInputs: readonly string[] = [],
  path = "password",
): void {
  const strength = passwordStrength(password, userInputs);
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
