import type { ApiError } from "./api";

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The part of a zod schema this module needs (the contract schemas fit). */
interface SafeParser<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

export type FieldErrors = Record<string, string>;

/** Zod's built-in messages ("Too small: expected …") are for developers; replace them with plain words. */
const GENERIC_MESSAGE = /^(Too small|Too big|Invalid|Expected|Required)/;

/** "must be at least 10 characters" → "Must be at least 10 characters." */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function fieldOf(path: readonly PropertyKey[]): string {
  const first = path[0];
  return typeof first === "string" ? first : "";
}

/**
 * Validates form data with a contract schema before it is sent. Returns the parsed body, or one friendly
 * message per top-level field. `fallbacks` replaces zod's generic messages for a field.
 */
export function validate<T>(
  schema: SafeParser<T>,
  data: unknown,
  fallbacks: Partial<Record<string, string>> = {},
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path);
    if (field in errors) continue;
    const fallback = fallbacks[field];
    errors[field] = GENERIC_MESSAGE.test(issue.message) && fallback ? fallback : sentence(issue.message);
  }
  return { ok: false, errors };
}

/**
 * Field errors from a problem+json `errors[]`, restricted to the fields the form shows. A message that
 * reads as the end of a sentence ("is already taken") gets the field's label in front of it.
 */
export function serverFieldErrors(
  error: ApiError,
  fields: readonly string[],
  labels: Partial<Record<string, string>> = {},
): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    if (!fields.includes(field)) continue;
    const label = labels[field];
    result[field] = sentence(label && /^(is|are|has|was)\b/i.test(message) ? `${label} ${message}` : message);
  }
  return result;
}

/** Moves keyboard focus to the first field with an error, in the order the form shows them. */
export function focusFirstError(
  form: HTMLFormElement | null,
  fields: readonly string[],
  errors: FieldErrors,
) {
  const first = fields.find((field) => field in errors);
  if (!form || !first) return;
  const element = form.elements.namedItem(first);
  if (element instanceof HTMLElement) element.focus();
}

/** Reads a text field from FormData ("" when missing). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** "Logo design, illustration ,  logo design" → ["Logo design", "illustration"] */
export function commaList(value: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of value.split(",")) {
    const item = part.trim().replace(/\s+/g, " ");
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      result.push(item);
    }
  }
  return result;
}
