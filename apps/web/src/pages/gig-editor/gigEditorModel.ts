import {
  CreateGigBodySchema,
  GIG_LIMITS,
  PACKAGE_TIERS,
  type CreateGigBody,
  type Gig,
  type PackageTier,
  type UpdateGigBody,
} from "@atelier/contracts";
import { formatMoney } from "../../lib/format";
import { commaList, sentence } from "../../lib/forms";
import { parseMoneyInput, toMoneyInput } from "../../lib/moneyInput";

import { EDITOR_STEPS, type EditorStep } from "./steps";

export { EDITOR_STEPS, type EditorStep };

export const STEP_LABELS: Record<EditorStep, string> = {
  overview: "Overview",
  pricing: "Pricing",
  description: "Description & FAQ",
  requirements: "Requirements",
  gallery: "Gallery",
  publish: "Publish",
};

/**
 * Steps a gig not yet saved can open: the first step's "Save and continue" saves the draft
 * (POST /api/gigs with the overview alone); every later step saves into it (PATCH).
 */
export const CREATE_STEPS: readonly EditorStep[] = ["overview"];

export type RequirementKind = "text" | "file" | "choice";

/** Everything the seller types, as text, until it is checked and turned into a request body. */
export interface PackageDraft {
  name: string;
  description: string;
  price: string;
  deliveryDays: string;
  /** "unlimited" or a whole number. */
  revisions: string;
  /** One feature per line. */
  features: string;
}

export interface ExtraDraft {
  key: string;
  id?: string | undefined;
  title: string;
  price: string;
  additionalDays: string;
}

export interface FaqDraft {
  key: string;
  question: string;
  answer: string;
}

export interface RequirementDraft {
  key: string;
  id?: string | undefined;
  question: string;
  kind: RequirementKind;
  required: boolean;
  /** One choice per line, for `kind: "choice"`. */
  choices: string;
}

export interface EditorDraft {
  title: string;
  categorySlug: string;
  tags: string;
  aiAssisted: boolean;
  threePackages: boolean;
  packages: Record<PackageTier, PackageDraft>;
  extras: ExtraDraft[];
  description: string;
  faq: FaqDraft[];
  requirements: RequirementDraft[];
}

/** Field errors keyed by the API's dotted paths (`packages.1.price.amount`). */
export type EditorErrors = Record<string, string>;

let keyCounter = 0;
/** A key for a list row that lives only in the editor (React needs one before the server gives an id). */
export function rowKey(): string {
  keyCounter += 1;
  return `row${keyCounter}`;
}

const emptyPackage = (): PackageDraft => ({
  name: "",
  description: "",
  price: "",
  deliveryDays: "",
  revisions: "1",
  features: "",
});

export function emptyDraft(): EditorDraft {
  return {
    title: "",
    categorySlug: "",
    tags: "",
    aiAssisted: false,
    threePackages: true,
    packages: { basic: emptyPackage(), standard: emptyPackage(), premium: emptyPackage() },
    extras: [],
    description: "",
    faq: [],
    requirements: [],
  };
}

export function draftFromGig(gig: Gig): EditorDraft {
  const packages = emptyDraft().packages;
  for (const pkg of gig.packages) {
    packages[pkg.tier] = {
      name: pkg.name,
      description: pkg.description,
      price: toMoneyInput(pkg.price.amount, pkg.price.currency),
      deliveryDays: String(pkg.deliveryDays),
      revisions: pkg.revisions === null ? "unlimited" : String(pkg.revisions),
      features: pkg.features.join("\n"),
    };
  }
  return {
    title: gig.title,
    categorySlug: gig.category.slug,
    tags: gig.tags.join(", "),
    aiAssisted: gig.aiAssisted,
    // A draft saved before its pricing step has no packages yet: offer three, as a new gig does.
    threePackages: gig.packages.length !== 1,
    packages,
    extras: gig.extras.map((extra) => ({
      key: rowKey(),
      id: extra.id,
      title: extra.title,
      price: toMoneyInput(extra.price.amount, extra.price.currency),
      additionalDays: String(extra.additionalDays),
    })),
    description: gig.description,
    faq: gig.faq.map((item) => ({ key: rowKey(), ...item })),
    requirements: gig.requirements.map((req) => ({
      key: rowKey(),
      id: req.id,
      question: req.question,
      kind: req.kind,
      required: req.required,
      choices: (req.choices ?? []).join("\n"),
    })),
  };
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A whole number typed in a field, or NaN (which the schema then refuses with our message). */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A whole number that may be negative (an extra's days: "Express delivery" takes days off). */
function signedWholeNumber(text: string): number {
  const trimmed = text.trim().replace(/^[\u2212\u2013]/, "-");
  return /^[-+]?\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function activeTiers(draft: EditorDraft): readonly PackageTier[] {
  return draft.threePackages ? PACKAGE_TIERS : ["basic"];
}

/** Messages for zod's generic complaints, by the last word of the path. */
function fallbackMessage(leaf: string, currency: string): string | undefined {
  const priceRange = `Use a price from ${formatMoney({ amount: GIG_LIMITS.packagePrice.min, currency })} to ${formatMoney({ amount: GIG_LIMITS.packagePrice.max, currency })}.`;
  const messages: Record<string, string> = {
    title: `Use ${GIG_LIMITS.title.min} to ${GIG_LIMITS.title.max} characters.`,
    categorySlug: "Choose a category.",
    tags: `Add 1 to ${GIG_LIMITS.tags.max} tags, separated by commas.`,
    amount: priceRange,
    deliveryDays: `Enter the number of days, from ${GIG_LIMITS.deliveryDays.min} to ${GIG_LIMITS.deliveryDays.max}.`,
    additionalDays: `Enter the days this extra adds, from ${GIG_LIMITS.extras.minAdditionalDays} (faster) to ${GIG_LIMITS.extras.maxAdditionalDays}.`,
    revisions: `Choose 0 to ${GIG_LIMITS.revisions.max} revisions, or unlimited.`,
    name: "Give the package a name.",
    description: "Describe what this includes.",
    question: "Write the question.",
    answer: "Write the answer.",
  };
  return messages[leaf];
}

const GENERIC = /^(Too small|Too big|Invalid|Expected|Required)/;

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

function toErrors(issues: readonly Issue[], currency: string): EditorErrors {
  const errors: EditorErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (path in errors) continue;
    const leaf = [...issue.path].reverse().find((part) => typeof part === "string") ?? "";
    const fallback = typeof leaf === "string" ? fallbackMessage(leaf, currency) : undefined;
    // Price bounds come in minor units from the schema; people think in whole currency.
    const isPriceBound = path.endsWith("price.amount") && /minor units/.test(issue.message);
    // An empty category select is a choice not made, whatever the schema calls it.
    const useFallback = GENERIC.test(issue.message) || isPriceBound || path === "categorySlug";
    errors[path] = useFallback && fallback ? fallback : sentence(issue.message);
  }
  return errors;
}

/** Problem+json `errors[]` from the server, keyed the same way as the editor's own checks. */
export function serverErrors(issues: readonly { path: string; message: string }[]): EditorErrors {
  const errors: EditorErrors = {};
  for (const issue of issues) {
    if (!(issue.path in errors)) errors[issue.path] = sentence(issue.message);
  }
  return errors;
}

function priceValue(text: string, currency: string): number {
  return parseMoneyInput(text, currency) ?? Number.NaN;
}

function overviewFields(draft: EditorDraft) {
  return {
    title: draft.title.trim(),
    categorySlug: draft.categorySlug,
    tags: commaList(draft.tags),
    aiAssisted: draft.aiAssisted,
  };
}

function pricingFields(draft: EditorDraft, currency: string) {
  return {
    packages: activeTiers(draft).map((tier) => {
      const pkg = draft.packages[tier];
      return {
        tier,
        name: pkg.name.trim(),
        description: pkg.description.trim(),
        price: { amount: priceValue(pkg.price, currency), currency },
        deliveryDays: wholeNumber(pkg.deliveryDays),
        revisions: pkg.revisions === "unlimited" ? null : wholeNumber(pkg.revisions),
        features: lines(pkg.features),
      };
    }),
    extras: draft.extras.map((extra) => ({
      ...(extra.id ? { id: extra.id } : {}),
      title: extra.title.trim(),
      price: { amount: priceValue(extra.price, currency), currency },
      additionalDays: extra.additionalDays.trim() === "" ? 0 : signedWholeNumber(extra.additionalDays),
    })),
  };
}

function descriptionFields(draft: EditorDraft) {
  return {
    description: draft.description.trim(),
    faq: draft.faq.map((item) => ({ question: item.question.trim(), answer: item.answer.trim() })),
  };
}

function requirementFields(draft: EditorDraft) {
  return {
    requirements: draft.requirements.map((req) => ({
      ...(req.id ? { id: req.id } : {}),
      question: req.question.trim(),
      kind: req.kind,
      required: req.required,
      ...(req.kind === "choice" ? { choices: lines(req.choices) } : {}),
    })),
  };
}

const STEP_SCHEMAS = {
  overview: CreateGigBodySchema.pick({ title: true, categorySlug: true, tags: true, aiAssisted: true }),
  pricing: CreateGigBodySchema.pick({ packages: true, extras: true }),
  description: CreateGigBodySchema.pick({ description: true, faq: true }),
  requirements: CreateGigBodySchema.pick({ requirements: true }),
};

type FormStep = keyof typeof STEP_SCHEMAS;

export function isFormStep(step: EditorStep): step is FormStep {
  return step in STEP_SCHEMAS;
}

function fieldsOf(step: FormStep, draft: EditorDraft, currency: string): Record<string, unknown> {
  switch (step) {
    case "overview":
      return overviewFields(draft);
    case "pricing":
      return pricingFields(draft, currency);
    case "description":
      return descriptionFields(draft);
    case "requirements":
      return requirementFields(draft);
  }
}

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: EditorErrors };

/** Checks one step's fields and returns them as a `PATCH /api/gigs/:id` body. */
export function stepBody(step: FormStep, draft: EditorDraft, currency: string): Checked<UpdateGigBody> {
  const result = STEP_SCHEMAS[step].safeParse(fieldsOf(step, draft, currency));
  if (!result.success) return { ok: false, errors: toErrors(result.error.issues, currency) };
  return { ok: true, body: result.data };
}

/**
 * Checks the first step and returns the `POST /api/gigs` body that saves it as a draft: the overview
 * alone (the server accepts a draft without packages or description; it cannot be published yet).
 */
export function createBody(draft: EditorDraft, currency: string): Checked<CreateGigBody> {
  const result = CreateGigBodySchema.safeParse(overviewFields(draft));
  if (!result.success) return { ok: false, errors: toErrors(result.error.issues, currency) };
  return { ok: true, body: result.data };
}

/** The steps a saved gig still lacks before it can be published (the server says `gig_incomplete`). */
export function missingSteps(gig: Pick<Gig, "packages" | "description">): EditorStep[] {
  const missing: EditorStep[] = [];
  if (gig.packages.length === 0) missing.push("pricing");
  if (gig.description.trim().length < GIG_LIMITS.description.min) missing.push("description");
  return missing;
}

/** The steps with unsaved changes, in the editor's order (for the leave-page warning). */
export function unsavedSteps(dirty: ReadonlySet<EditorStep>): EditorStep[] {
  return EDITOR_STEPS.filter((step) => dirty.has(step));
}

/**
 * Whether moving from one address to another leaves the editor (and its unsaved work): moving between
 * steps of the same gig keeps the editor and its changes on screen.
 */
export function leavesEditor(fromPathname: string, toPathname: string): boolean {
  return fromPathname !== toPathname;
}

const FORM_STEPS: readonly FormStep[] = ["overview", "pricing", "description", "requirements"];

const STEP_FIELDS: Record<FormStep, readonly string[]> = {
  overview: ["title", "categorySlug", "tags", "aiAssisted"],
  pricing: ["packages", "extras"],
  description: ["description", "faq"],
  requirements: ["requirements"],
};

/** The first step that shows one of these errors (the editor opens it). */
export function stepOfErrors(errors: EditorErrors): FormStep | undefined {
  const roots = new Set(Object.keys(errors).map((path) => path.split(".")[0] ?? ""));
  return FORM_STEPS.find((step) => STEP_FIELDS[step].some((field) => roots.has(field)));
}
