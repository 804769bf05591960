import {
  GIG_LIMITS,
  GigSchema,
  PACKAGE_TIERS,
  type CategoryNode,
  type CreateGigBody,
  type Gig,
  type Me,
  type PackageTier,
  type UpdateGigBody,
} from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { Link, useBlocker, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  type SelectHTMLAttributes,
} from "react";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { PageErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { GigStatusBadge } from "../components/GigStatusBadge";
import { AlertIcon, CheckIcon, CompassIcon, SignatureIcon } from "../components/icons";
import { PageSkeleton } from "../components/Skeleton";
import { TextAreaField, TextField } from "../components/TextField";
import { UnsavedChangesDialog } from "../components/UnsavedChangesDialog";
import { api, describeError, isApiError, read, uploadFile } from "../lib/api";
import { categoriesQueryOptions, gigQueryOptions, marketplaceCurrencyQueryOptions } from "../lib/catalog";
import { formatCount, formatMoney } from "../lib/format";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";
import {
  CREATE_STEPS,
  EDITOR_STEPS,
  STEP_LABELS,
  createBody,
  draftFromGig,
  emptyDraft,
  isFormStep,
  leavesEditor,
  missingSteps,
  rowKey,
  serverErrors,
  stepBody,
  stepOfErrors,
  unsavedSteps,
  type EditorDraft,
  type EditorErrors,
  type EditorStep,
  type PackageDraft,
  type RequirementKind,
} from "./gigEditorModel";

const TIER_LABELS: Record<PackageTier, string> = { basic: "Basic", standard: "Standard", premium: "Premium" };
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

/** Forgets cached lists that show this seller's gigs, after a change. */
function refreshGigLists(queryClient: QueryClient, gig: Gig) {
  queryClient.setQueryData(gigQueryOptions(gig.id).queryKey, gig);
  void queryClient.invalidateQueries({ queryKey: ["my-gigs"] });
  void queryClient.invalidateQueries({ queryKey: ["users", gig.seller.username, "gigs"] });
}

/** `/seller/gigs/new` and `/seller/gigs/$gigId/edit`: the multi-step gig editor. */
export function GigEditorPage() {
  const params = useParams({ strict: false });
  const search = useSearch({ strict: false });
  const gigId = params.gigId;
  const step: EditorStep = search.step ?? "overview";
  const me = useMe();
  const gig = useQuery({ ...gigQueryOptions(gigId ?? ""), enabled: gigId !== undefined });
  const currency = useQuery({ ...marketplaceCurrencyQueryOptions, enabled: gigId === undefined });
  usePageTitle(gigId ? `Edit ${gig.data?.title ?? "gig"}` : "Create a gig");

  if (me.isPending) return <PageSkeleton label="Loading the gig editor" />;
  if (!me.data) {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          title="Sign in to edit your gigs"
          headingLevel={1}
          action={<ButtonLink to="/login">Sign in</ButtonLink>}
        >
          <p>Your session has ended.</p>
        </EmptyState>
      </div>
    );
  }
  if (!me.data.isSeller) {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          icon={<SignatureIcon className="size-6" />}
          title="Set up your seller profile first"
          headingLevel={1}
          action={<ButtonLink to="/become-a-seller">Become a seller</ButtonLink>}
        >
          <p>Buyers see your profile beside every gig, so it comes before your first gig.</p>
        </EmptyState>
      </div>
    );
  }

  if (gigId === undefined) {
    if (currency.isPending) return <PageSkeleton label="Loading the gig editor" />;
    // A gig not saved yet has only its first step; saving it opens the others.
    return <Editor key="new" gig={null} step="overview" currency={currency.data ?? "USD"} me={me.data} />;
  }
  if (gig.isPending) return <PageSkeleton label="Loading your gig" />;
  const notYours = gig.data && gig.data.seller.username !== me.data.username;
  if ((gig.isError && isApiError(gig.error, 404)) || notYours) {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          icon={<CompassIcon className="size-6" />}
          title="We couldn’t find that gig"
          headingLevel={1}
          action={<ButtonLink to="/seller/gigs">Go to my gigs</ButtonLink>}
        >
          <p>It may have been archived, or it belongs to another seller.</p>
        </EmptyState>
      </div>
    );
  }
  if (gig.isError) {
    return <PageErrorState title="Your gig couldn’t load" query={gig} />;
  }
  if (gig.data.status === "archived") {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          title="This gig is archived"
          headingLevel={1}
          action={<ButtonLink to="/seller/gigs/new">Create a new gig</ButtonLink>}
        >
          <p>Archived gigs can’t be edited or published again.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <Editor
      key={gig.data.id}
      gig={gig.data}
      step={step}
      currency={gig.data.startingPrice.currency}
      me={me.data}
    />
  );
}

interface EditorProps {
  gig: Gig | null;
  step: EditorStep;
  currency: string;
  me: Me;
}

function nextStep(step: EditorStep): EditorStep {
  return EDITOR_STEPS[EDITOR_STEPS.indexOf(step) + 1] ?? "publish";
}

function previousStep(step: EditorStep): EditorStep | undefined {
  return EDITOR_STEPS[EDITOR_STEPS.indexOf(step) - 1];
}

function Editor({ gig, step, currency, me }: EditorProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<EditorDraft>(() => (gig ? draftFromGig(gig) : emptyDraft()));
  const [errors, setErrors] = useState<EditorErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [dirty, setDirty] = useState<ReadonlySet<EditorStep>>(new Set());
  // Bumped whenever errors are shown, so focus moves to the first one once the step has rendered.
  const [errorRound, setErrorRound] = useState(0);

  useEffect(() => {
    if (errorRound === 0) return;
    const first = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
    first?.focus();
  }, [errorRound]);

  function goTo(target: EditorStep, options: { keepErrors?: boolean } = {}) {
    if (!options.keepErrors) {
      setErrors({});
      setFormError(null);
    }
    if (gig) {
      void navigate({ to: "/seller/gigs/$gigId/edit", params: { gigId: gig.id }, search: { step: target } });
    } else {
      void navigate({ to: "/seller/gigs/new", search: { step: target } });
    }
    if (!options.keepErrors) window.scrollTo({ top: 0 });
  }

  function showErrors(found: EditorErrors) {
    setErrors(found);
    const where = stepOfErrors(found);
    if (where && where !== step) goTo(where, { keepErrors: true });
    setErrorRound((round) => round + 1);
  }

  function onServerError(error: unknown) {
    if (isApiError(error, 400)) {
      const found = serverErrors(error.errors);
      if (Object.keys(found).length > 0) {
        showErrors(found);
        return;
      }
    }
    setFormError(describeError(error));
  }

  function change(update: (current: EditorDraft) => EditorDraft) {
    setDraft(update);
    setDirty((current) => new Set(current).add(step));
  }

  const save = useMutation({
    mutationFn: ({ body }: { step: EditorStep; body: UpdateGigBody }) =>
      read(GigSchema, api.PATCH("/api/gigs/{id}", { params: { path: { id: gig?.id ?? "" } }, body })),
    onSuccess: (saved, { step: savedStep }) => {
      refreshGigLists(queryClient, saved);
      setDirty((current) => {
        const next = new Set(current);
        next.delete(savedStep);
        return next;
      });
      goTo(nextStep(savedStep));
    },
    onError: onServerError,
  });

  const create = useMutation({
    mutationFn: (body: CreateGigBody) => read(GigSchema, api.POST("/api/gigs", { body })),
    onSuccess: async (created) => {
      refreshGigLists(queryClient, created);
      setDirty(new Set());
      // The draft's id goes into the address (replacing /new), so a reload or Back resumes this draft.
      await navigate({
        to: "/seller/gigs/$gigId/edit",
        params: { gigId: created.id },
        search: { step: nextStep("overview") },
        replace: true,
        ignoreBlocker: true,
      });
      window.scrollTo({ top: 0 });
    },
    onError: onServerError,
  });

  // Unsaved changes: the browser asks before a reload or closing the tab, and the editor asks before
  // any link inside the app leaves it. Moving between steps keeps the changes on screen.
  const hasUnsaved = dirty.size > 0;
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) => hasUnsaved && leavesEditor(current.pathname, next.pathname),
    enableBeforeUnload: () => hasUnsaved,
    withResolver: true,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!isFormStep(step)) return;
    const checked = stepBody(step, draft, currency);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    if (gig) {
      if (dirty.has(step)) save.mutate({ step, body: checked.body });
      else goTo(nextStep(step));
      return;
    }
    const first = createBody(draft, currency);
    if (!first.ok) {
      showErrors(first.errors);
      return;
    }
    create.mutate(first.body);
  }

  /** A field's error goes away as soon as it is edited (fields are named by their error path). */
  function onFieldChange(event: FormEvent<HTMLFormElement>) {
    const target = event.target;
    const isField =
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement;
    if (!isField || !target.name) return;
    const path = target.name;
    setErrors((current) => {
      const stale = Object.keys(current).filter(
        (key) => key === path || path.startsWith(`${key}.`) || key.startsWith(`${path}.`),
      );
      if (stale.length === 0) return current;
      const next = { ...current };
      for (const key of stale) delete next[key];
      return next;
    });
  }

  const busy = save.isPending || create.isPending;
  const back = previousStep(step);
  const errorCount = Object.keys(errors).length;
  // Every step saves. The description completes what a draft needs before it can be published.
  const submitLabel =
    gig?.status === "draft" && step === "description" ? "Save draft and continue" : "Save and continue";

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">
            {gig ? "Edit gig" : "New gig"}
          </p>
          <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-balance break-words text-stone-900">
            {draft.title.trim() || "Untitled gig"}
          </h1>
          {gig ? (
            <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
              <GigStatusBadge status={gig.status} />
              <Link
                to="/gigs/$gigId"
                params={{ gigId: gig.id }}
                className="font-medium text-brand-800 underline-offset-2 hover:underline"
              >
                Preview gig page
              </Link>
            </div>
          ) : null}
        </div>
        <ButtonLink to="/seller/gigs" variant="ghost" size="sm" className="self-start">
          Back to my gigs
        </ButtonLink>
      </header>

      <StepNav current={step} created={gig !== null} dirty={dirty} onGo={(target) => goTo(target)} />
      {blocker.status === "blocked" ? (
        <UnsavedChangesDialog
          steps={unsavedSteps(dirty).map((unsaved) => STEP_LABELS[unsaved])}
          onStay={blocker.reset}
          onLeave={blocker.proceed}
        />
      ) : null}

      {isFormStep(step) ? (
        <form ref={formRef} noValidate onSubmit={onSubmit} onChange={onFieldChange} className="mt-8">
          <div className="space-y-4">
            {formError ? <FormAlert>{formError}</FormAlert> : null}
            {errorCount > 0 ? (
              <FormAlert>
                {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} your attention before you
                can continue.
              </FormAlert>
            ) : null}
          </div>
          <div className="mt-2">
            {step === "overview" ? <OverviewStep draft={draft} errors={errors} onChange={change} /> : null}
            {step === "pricing" ? (
              <PricingStep draft={draft} errors={errors} currency={currency} onChange={change} />
            ) : null}
            {step === "description" ? (
              <DescriptionStep draft={draft} errors={errors} onChange={change} />
            ) : null}
            {step === "requirements" ? (
              <RequirementsStep draft={draft} errors={errors} onChange={change} />
            ) : null}
          </div>
          {!gig ? (
            <p className="mt-8 text-sm text-stone-600">
              Your gig is saved as a draft when you continue, and every later step saves into it. Only you can
              see it until you publish it.
            </p>
          ) : null}
          <StepFooter
            back={back ? () => goTo(back) : undefined}
            primary={
              <Button type="submit" size="lg" loading={busy}>
                {submitLabel}
              </Button>
            }
          />
        </form>
      ) : gig && step === "gallery" ? (
        <GalleryStep gig={gig} onBack={() => goTo("requirements")} onNext={() => goTo("publish")} />
      ) : gig && step === "publish" ? (
        <PublishStep gig={gig} dirty={dirty} me={me} onGo={(target) => goTo(target)} />
      ) : (
        <div className="mt-10">
          <EmptyState
            title="Save the basics first"
            action={<Button onClick={() => goTo("overview")}>Start with the overview</Button>}
          >
            <p>Pricing, images and publishing come once your gig has an overview and is saved as a draft.</p>
          </EmptyState>
        </div>
      )}
    </div>
  );
}

function StepNav({
  current,
  created,
  dirty,
  onGo,
}: {
  current: EditorStep;
  created: boolean;
  dirty: ReadonlySet<EditorStep>;
  onGo: (step: EditorStep) => void;
}) {
  const currentIndex = EDITOR_STEPS.indexOf(current);
  return (
    <nav aria-label="Gig editor steps" className="relative mt-8 -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <p className="mb-3 text-sm text-stone-600 sm:hidden">
        Step {currentIndex + 1} of {EDITOR_STEPS.length}: {STEP_LABELS[current]}
      </p>
      <ol className="flex min-w-max gap-2 border-b border-stone-200 pb-3">
        {EDITOR_STEPS.map((step, index) => {
          const available = created || CREATE_STEPS.includes(step);
          const isCurrent = step === current;
          const content = (
            <>
              <span
                className={`grid size-6 place-items-center rounded-full text-xs font-semibold ${
                  isCurrent
                    ? "bg-brand-700 text-white"
                    : index < currentIndex
                      ? "bg-brand-100 text-brand-800"
                      : "bg-stone-200 text-stone-700"
                }`}
              >
                {index + 1}
              </span>
              {STEP_LABELS[step]}
              {dirty.has(step) ? (
                <span className="text-amber-700" title="Unsaved changes">
                  <span aria-hidden="true">•</span>
                  <span className="sr-only">(unsaved changes)</span>
                </span>
              ) : null}
            </>
          );
          const base = "flex items-center gap-2 rounded-full px-3 py-1.5 text-sm whitespace-nowrap";
          return (
            <li key={step}>
              {available ? (
                <button
                  type="button"
                  onClick={() => onGo(step)}
                  aria-current={isCurrent ? "step" : undefined}
                  className={`${base} ${isCurrent ? "bg-brand-50 font-semibold text-brand-900" : "text-stone-700 hover:bg-stone-100"}`}
                >
                  {content}
                </button>
              ) : (
                <span className={`${base} text-stone-500`} aria-disabled="true">
                  {content}
                  <span className="sr-only">(available after the draft is saved)</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepFooter({ back, primary }: { back: (() => void) | undefined; primary: ReactNode }) {
  return (
    <div className="mt-10 flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:items-center sm:justify-between">
      {back ? (
        <Button variant="ghost" size="lg" onClick={back}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {primary}
    </div>
  );
}

interface StepProps {
  draft: EditorDraft;
  errors: EditorErrors;
  onChange: (update: (current: EditorDraft) => EditorDraft) => void;
}

type RowList = "extras" | "faq" | "requirements";

/** Edits one of the draft's lists of keyed rows (extras, FAQ, requirements): change, remove or add a row. */
function rowsOf<L extends RowList>(onChange: StepProps["onChange"], list: L) {
  type Row = EditorDraft[L][number];
  const set = (current: EditorDraft, rows: Row[]): EditorDraft => ({ ...current, [list]: rows });
  const rows = (current: EditorDraft) => current[list] as Row[];
  return {
    update: (key: string, patch: Partial<Row>) =>
      onChange((current) =>
        set(
          current,
          rows(current).map((row) => (row.key === key ? { ...row, ...patch } : row)),
        ),
      ),
    remove: (key: string) =>
      onChange((current) =>
        set(
          current,
          rows(current).filter((row) => row.key !== key),
        ),
      ),
    add: (row: Omit<Row, "key">) =>
      onChange((current) => set(current, [...rows(current), { ...row, key: rowKey() } as Row])),
  };
}

function StepIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mb-8 max-w-2xl">
      <h2 className="font-display text-2xl font-semibold text-stone-900">{title}</h2>
      <p className="mt-2 text-stone-600">{children}</p>
    </div>
  );
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

function SelectField({ label, hint, error, children, className = "", ...rest }: SelectFieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`block h-11 w-full rounded-xl border bg-white px-3 text-base text-stone-900 shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 ${
          error ? "border-red-600" : "border-stone-300 hover:border-stone-400"
        } ${className}`}
        {...rest}
      >
        {children}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm font-medium text-red-700">
          <span aria-hidden="true">●</span>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}

function CheckboxField({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-5 shrink-0 rounded border-stone-400 accent-brand-700"
      />
      <div>
        <label htmlFor={id} className="font-medium text-stone-900">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-stone-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function counter(text: string, max: number): string {
  return `${text.trim().length.toLocaleString()} / ${max.toLocaleString()}`;
}

function OverviewStep({ draft, errors, onChange }: StepProps) {
  const categories = useQuery(categoriesQueryOptions);
  return (
    <section>
      <StepIntro title="Overview">
        What you offer, in a line a buyer understands at a glance, and where it belongs in the catalog.
      </StepIntro>
      <div className="max-w-2xl space-y-6">
        <TextField
          label="Gig title"
          name="title"
          value={draft.title}
          maxLength={GIG_LIMITS.title.max}
          hint={
            <>
              Start with “I will”, such as “I will design a hand-lettered logo for your bakery”. Between{" "}
              {GIG_LIMITS.title.min} and {GIG_LIMITS.title.max} characters (
              {counter(draft.title, GIG_LIMITS.title.max)}
              ).
            </>
          }
          error={errors.title}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, title: value }));
          }}
        />
        <CategorySelect
          tree={categories.data}
          loading={categories.isPending}
          value={draft.categorySlug}
          error={
            errors.categorySlug ??
            (categories.isError ? "Categories couldn’t load. Reload the page to try again." : undefined)
          }
          onChange={(value) => onChange((current) => ({ ...current, categorySlug: value }))}
        />
        <TextField
          label="Search tags"
          name="tags"
          value={draft.tags}
          hint={`Words buyers might search for, separated by commas: up to ${GIG_LIMITS.tags.max}, such as “logo, lettering, bakery”.`}
          error={errors.tags ?? firstNested(errors, "tags")}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, tags: value }));
          }}
        />
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <CheckboxField
            label="I use AI tools for part of this work"
            hint="Buyers see an “AI-assisted” label on the gig. Being open about it builds trust."
            checked={draft.aiAssisted}
            onChange={(checked) => onChange((current) => ({ ...current, aiAssisted: checked }))}
          />
        </div>
      </div>
    </section>
  );
}

/** The first error under a list field (`tags.2` → its message), for fields shown as one input. */
function firstNested(errors: EditorErrors, root: string): string | undefined {
  const key = Object.keys(errors).find((path) => path.startsWith(`${root}.`));
  return key ? errors[key] : undefined;
}

function CategorySelect({
  tree,
  loading,
  value,
  error,
  onChange,
}: {
  tree: readonly CategoryNode[] | undefined;
  loading: boolean;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <SelectField
      label="Category"
      name="categorySlug"
      value={value}
      disabled={loading}
      hint="Buyers browse by category, so pick the closest fit."
      error={error}
      onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.currentTarget.value)}
    >
      <option value="">{loading ? "Loading categories…" : "Choose a category"}</option>
      {(tree ?? []).map((top) => (
        <optgroup key={top.slug} label={top.name}>
          {top.children.map((child) => (
            <option key={child.slug} value={child.slug}>
              {child.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

function PricingStep({ draft, errors, currency, onChange }: StepProps & { currency: string }) {
  const tiers: readonly PackageTier[] = draft.threePackages ? PACKAGE_TIERS : ["basic"];
  const min = formatMoney({ amount: GIG_LIMITS.packagePrice.min, currency });
  const legendId = useId();

  function updatePackage(tier: PackageTier, patch: Partial<PackageDraft>) {
    onChange((current) => ({
      ...current,
      packages: { ...current.packages, [tier]: { ...current.packages[tier], ...patch } },
    }));
  }

  return (
    <section>
      <StepIntro title="Pricing">
        Fixed prices make ordering easy. Offer one package, or three (Basic, Standard and Premium) so buyers
        can choose how much they need. Prices start at {min}.
      </StepIntro>

      <fieldset className="mb-8">
        <legend id={legendId} className="text-sm font-medium text-stone-800">
          Packages
        </legend>
        <div className="mt-2 inline-flex rounded-full border border-stone-300 bg-white p-1">
          {[
            { value: false, label: "One package" },
            { value: true, label: "Three packages" },
          ].map((option) => (
            <label
              key={option.label}
              className={`cursor-pointer rounded-full px-4 py-1.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-brand-600 ${
                draft.threePackages === option.value ? "bg-brand-700 text-white" : "text-stone-700"
              }`}
            >
              <input
                type="radio"
                name="threePackages"
                className="sr-only"
                checked={draft.threePackages === option.value}
                onChange={() => onChange((current) => ({ ...current, threePackages: option.value }))}
              />
              {option.label}
            </label>
          ))}
        </div>
        {errors.packages ? <p className="mt-2 text-sm font-medium text-red-700">{errors.packages}</p> : null}
      </fieldset>

      <div className={`grid gap-5 ${tiers.length === 3 ? "md:grid-cols-3" : "max-w-md"}`}>
        {tiers.map((tier, index) => {
          const pkg = draft.packages[tier];
          const base = `packages.${index}`;
          return (
            <fieldset
              key={tier}
              className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5"
            >
              <legend className="sr-only">{TIER_LABELS[tier]} package</legend>
              <p
                aria-hidden="true"
                className="text-xs font-semibold tracking-widest text-brand-700 uppercase"
              >
                {TIER_LABELS[tier]}
              </p>
              <TextField
                label="Name"
                aria-label={`${TIER_LABELS[tier]} name`}
                name={`${base}.name`}
                value={pkg.name}
                maxLength={60}
                placeholder={tier === "basic" ? "Starter" : tier === "standard" ? "Standard" : "Complete"}
                error={errors[`${base}.name`] ?? errors[`${base}.tier`]}
                onChange={(event) => updatePackage(tier, { name: event.currentTarget.value })}
              />
              <TextAreaField
                label="Description"
                aria-label={`${TIER_LABELS[tier]} description`}
                name={`${base}.description`}
                value={pkg.description}
                rows={3}
                maxLength={500}
                error={errors[`${base}.description`]}
                onChange={(event) => updatePackage(tier, { description: event.currentTarget.value })}
              />
              <TextField
                label={`Price (${currency})`}
                aria-label={`${TIER_LABELS[tier]} price (${currency})`}
                name={`${base}.price.amount`}
                value={pkg.price}
                inputMode="decimal"
                autoComplete="off"
                placeholder={tier === "basic" ? "25" : tier === "standard" ? "60" : "120"}
                error={
                  errors[`${base}.price.amount`] ??
                  errors[`${base}.price.currency`] ??
                  errors[`${base}.price`]
                }
                onChange={(event) => updatePackage(tier, { price: event.currentTarget.value })}
              />
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  label="Delivery (days)"
                  aria-label={`${TIER_LABELS[tier]} delivery (days)`}
                  name={`${base}.deliveryDays`}
                  value={pkg.deliveryDays}
                  inputMode="numeric"
                  autoComplete="off"
                  error={errors[`${base}.deliveryDays`]}
                  onChange={(event) => updatePackage(tier, { deliveryDays: event.currentTarget.value })}
                />
                <SelectField
                  label="Revisions"
                  aria-label={`${TIER_LABELS[tier]} revisions`}
                  name={`${base}.revisions`}
                  value={pkg.revisions}
                  error={errors[`${base}.revisions`]}
                  onChange={(event) => updatePackage(tier, { revisions: event.currentTarget.value })}
                >
                  {Array.from({ length: GIG_LIMITS.revisions.max + 1 }, (_, count) => (
                    <option key={count} value={String(count)}>
                      {count}
                    </option>
                  ))}
                  <option value="unlimited">Unlimited</option>
                </SelectField>
              </div>
              <TextAreaField
                label="Features"
                aria-label={`${TIER_LABELS[tier]} features`}
                name={`${base}.features`}
                value={pkg.features}
                rows={4}
                hint="One per line, such as “Source files”."
                error={errors[`${base}.features`] ?? firstNested(errors, `${base}.features`)}
                onChange={(event) => updatePackage(tier, { features: event.currentTarget.value })}
              />
            </fieldset>
          );
        })}
      </div>

      <ExtrasEditor draft={draft} errors={errors} currency={currency} onChange={onChange} />
    </section>
  );
}

function ExtrasEditor({ draft, errors, currency, onChange }: StepProps & { currency: string }) {
  const extras = rowsOf(onChange, "extras");
  return (
    <section aria-labelledby="extras-title" className="mt-12">
      <h3 id="extras-title" className="font-display text-xl font-semibold text-stone-900">
        Extras <span className="text-base font-normal text-stone-600">(optional)</span>
      </h3>
      <p className="mt-1 text-stone-600">
        Add-ons buyers can pick at checkout, such as faster delivery or an extra concept.
      </p>
      {errors.extras ? <p className="mt-2 text-sm font-medium text-red-700">{errors.extras}</p> : null}
      <ul className="mt-4 space-y-4">
        {draft.extras.map((extra, index) => {
          const base = `extras.${index}`;
          const update = (patch: Partial<typeof extra>) => extras.update(extra.key, patch);
          return (
            <li
              key={extra.key}
              className="grid gap-4 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_9rem_9rem_auto] sm:items-start"
            >
              <TextField
                label="Extra"
                aria-label={`Extra ${index + 1}`}
                name={`${base}.title`}
                value={extra.title}
                maxLength={80}
                placeholder="Express delivery"
                error={errors[`${base}.title`]}
                onChange={(event) => update({ title: event.currentTarget.value })}
              />
              <TextField
                label={`Price (${currency})`}
                aria-label={`Extra ${index + 1} price (${currency})`}
                name={`${base}.price.amount`}
                value={extra.price}
                inputMode="decimal"
                error={errors[`${base}.price.amount`] ?? errors[`${base}.price.currency`]}
                onChange={(event) => update({ price: event.currentTarget.value })}
              />
              <TextField
                label="Extra days"
                aria-label={`Extra ${index + 1} extra days`}
                name={`${base}.additionalDays`}
                value={extra.additionalDays}
                type="number"
                min={GIG_LIMITS.extras.minAdditionalDays}
                max={GIG_LIMITS.extras.maxAdditionalDays}
                error={errors[`${base}.additionalDays`]}
                onChange={(event) => update({ additionalDays: event.currentTarget.value })}
              />
              <Button
                variant="ghost"
                size="sm"
                className="sm:mt-7"
                aria-label={`Remove extra ${index + 1}`}
                onClick={() => extras.remove(extra.key)}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {draft.extras.length < GIG_LIMITS.extras.max ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-4"
          onClick={() => extras.add({ title: "", price: "", additionalDays: "0" })}
        >
          Add an extra
        </Button>
      ) : null}
    </section>
  );
}

function DescriptionStep({ draft, errors, onChange }: StepProps) {
  const faq = rowsOf(onChange, "faq");
  return (
    <section>
      <StepIntro title="Description and FAQ">
        Explain what the buyer gets, how you work and what you need from them. Answer the questions you hear
        most often.
      </StepIntro>
      <div className="max-w-3xl space-y-6">
        <TextAreaField
          label="Description"
          name="description"
          value={draft.description}
          rows={10}
          maxLength={GIG_LIMITS.description.max}
          hint={`Between ${GIG_LIMITS.description.min} and ${GIG_LIMITS.description.max.toLocaleString()} characters (${counter(draft.description, GIG_LIMITS.description.max)}).`}
          error={errors.description}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, description: value }));
          }}
        />

        <section aria-labelledby="faq-title" className="pt-4">
          <h3 id="faq-title" className="font-display text-xl font-semibold text-stone-900">
            Frequently asked questions{" "}
            <span className="text-base font-normal text-stone-600">(optional)</span>
          </h3>
          {errors.faq ? <p className="mt-2 text-sm font-medium text-red-700">{errors.faq}</p> : null}
          <ol className="mt-4 space-y-4">
            {draft.faq.map((item, index) => {
              const base = `faq.${index}`;
              const update = (patch: Partial<typeof item>) => faq.update(item.key, patch);
              return (
                <li key={item.key} className="space-y-3 rounded-2xl border border-stone-200 bg-white p-4">
                  <TextField
                    label={`Question ${index + 1}`}
                    name={`${base}.question`}
                    value={item.question}
                    maxLength={200}
                    error={errors[`${base}.question`]}
                    onChange={(event) => update({ question: event.currentTarget.value })}
                  />
                  <TextAreaField
                    label={`Answer ${index + 1}`}
                    name={`${base}.answer`}
                    value={item.answer}
                    rows={3}
                    maxLength={1500}
                    error={errors[`${base}.answer`]}
                    onChange={(event) => update({ answer: event.currentTarget.value })}
                  />
                  <Button variant="ghost" size="sm" onClick={() => faq.remove(item.key)}>
                    Remove question {index + 1}
                  </Button>
                </li>
              );
            })}
          </ol>
          {draft.faq.length < GIG_LIMITS.faq.max ? (
            <Button
              variant="secondary"
              size="sm"
              className="mt-4"
              onClick={() => faq.add({ question: "", answer: "" })}
            >
              Add a question
            </Button>
          ) : null}
        </section>
      </div>
    </section>
  );
}

const KIND_LABELS: Record<RequirementKind, string> = {
  text: "Written answer",
  file: "File upload",
  choice: "Multiple choice",
};

function RequirementsStep({ draft, errors, onChange }: StepProps) {
  const requirements = rowsOf(onChange, "requirements");
  return (
    <section>
      <StepIntro title="Requirements">
        What do you need from the buyer to start? They answer these right after ordering, and the delivery
        clock starts once they have. Leave it empty if you need nothing.
      </StepIntro>
      {errors.requirements ? (
        <p className="mb-4 text-sm font-medium text-red-700">{errors.requirements}</p>
      ) : null}
      <ol className="max-w-3xl space-y-4">
        {draft.requirements.map((req, index) => {
          const base = `requirements.${index}`;
          const update = (patch: Partial<typeof req>) => requirements.update(req.key, patch);
          return (
            <li key={req.key} className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5">
              <TextAreaField
                label={`Question ${index + 1}`}
                name={`${base}.question`}
                value={req.question}
                rows={2}
                maxLength={500}
                placeholder="What is your business called, and what does it do?"
                error={errors[`${base}.question`]}
                onChange={(event) => update({ question: event.currentTarget.value })}
              />
              <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
                <SelectField
                  label="Answer type"
                  name={`${base}.kind`}
                  value={req.kind}
                  error={errors[`${base}.kind`]}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    const kind: RequirementKind = value === "file" || value === "choice" ? value : "text";
                    update({ kind });
                  }}
                >
                  {Object.entries(KIND_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </SelectField>
                <div className="pb-2.5">
                  <CheckboxField
                    label="The buyer must answer"
                    checked={req.required}
                    onChange={(checked) => update({ required: checked })}
                  />
                </div>
              </div>
              {req.kind === "choice" ? (
                <TextAreaField
                  label="Choices"
                  name={`${base}.choices`}
                  value={req.choices}
                  rows={3}
                  hint={`One per line, at least ${GIG_LIMITS.requirements.minChoices}.`}
                  error={errors[`${base}.choices`] ?? firstNested(errors, `${base}.choices`)}
                  onChange={(event) => update({ choices: event.currentTarget.value })}
                />
              ) : null}
              <Button variant="ghost" size="sm" onClick={() => requirements.remove(req.key)}>
                Remove question {index + 1}
              </Button>
            </li>
          );
        })}
      </ol>
      {draft.requirements.length < GIG_LIMITS.requirements.max ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-4"
          onClick={() => requirements.add({ question: "", kind: "text", required: true, choices: "" })}
        >
          Add a question
        </Button>
      ) : null}
    </section>
  );
}

function GalleryStep({ gig, onBack, onNext }: { gig: Gig; onBack: () => void; onNext: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery(gigQueryOptions(gig.id)).data ?? gig;
  const images = current.images;
  const inputId = useId();
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const room = GIG_LIMITS.images.max - images.length;

  const arrange = useMutation({
    mutationFn: (fileIds: string[]) =>
      read(
        GigSchema,
        api.PUT("/api/gigs/{id}/images", { params: { path: { id: gig.id } }, body: { fileIds } }),
      ),
    onMutate: () => setError(null),
    onSuccess: (saved) => refreshGigLists(queryClient, saved),
    onError: (failure) => {
      const first = isApiError(failure, 400) ? failure.errors[0]?.message : undefined;
      setError(first ? `One image was refused: it ${first}.` : describeError(failure));
    },
  });

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length === 0) return;
    const refused = files.filter((file) => !IMAGE_TYPES.includes(file.type));
    const accepted = files.filter((file) => IMAGE_TYPES.includes(file.type)).slice(0, Math.max(0, room));
    const notes: string[] = [];
    if (refused.length > 0)
      notes.push(`${refused.map((file) => file.name).join(", ")}: use JPEG, PNG or WebP.`);
    if (files.length - refused.length > accepted.length) {
      notes.push(`A gig has at most ${GIG_LIMITS.images.max} images; the rest were left out.`);
    }
    setError(notes.length > 0 ? notes.join(" ") : null);
    if (accepted.length === 0) return;
    setUploading(accepted.length);
    try {
      const uploaded: string[] = [];
      for (const file of accepted) {
        uploaded.push((await uploadFile(file)).id);
        setUploading((count) => count - 1);
      }
      arrange.mutate([...images.map((image) => image.fileId), ...uploaded]);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setUploading(0);
    }
  }

  function move(from: number, to: number) {
    const ids = images.map((image) => image.fileId);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    arrange.mutate(ids);
  }

  const busy = uploading > 0 || arrange.isPending;
  return (
    <section className="mt-8">
      <StepIntro title="Gallery">
        Show your work. The first image is the cover buyers see in search. Use JPEG, PNG or WebP; 4:3 images
        of at least 800 × 600 pixels look best.
      </StepIntro>
      {error ? (
        <div className="mb-4">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
      <p role="status" className="mb-4 text-sm text-stone-700">
        {uploading > 0
          ? `Uploading ${formatCount(uploading, "image", "images")}…`
          : arrange.isPending
            ? "Saving the gallery…"
            : `${images.length} of ${GIG_LIMITS.images.max} images`}
      </p>
      {images.length > 0 ? (
        <ol className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3">
          {images.map((image, index) => (
            <li key={image.fileId} className="overflow-hidden rounded-2xl border border-stone-200 bg-white">
              <div className="relative">
                <img
                  src={image.thumbUrl}
                  alt={`Gallery image ${index + 1}${index === 0 ? " (cover)" : ""}`}
                  width={400}
                  height={300}
                  className="aspect-[4/3] w-full bg-stone-100 object-cover"
                />
                {index === 0 ? (
                  <span className="absolute top-2 left-2 rounded-full bg-brand-700 px-2.5 py-0.5 text-xs font-semibold text-white">
                    Cover
                  </span>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-1 p-2">
                {index > 0 ? (
                  <Button variant="ghost" size="sm" disabled={busy} onClick={() => move(index, 0)}>
                    Make cover
                  </Button>
                ) : null}
                {index > 0 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={busy}
                    aria-label={`Move image ${index + 1} earlier`}
                    onClick={() => move(index, index - 1)}
                  >
                    ←
                  </Button>
                ) : null}
                {index < images.length - 1 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={busy}
                    aria-label={`Move image ${index + 1} later`}
                    onClick={() => move(index, index + 1)}
                  >
                    →
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={busy}
                  className="ml-auto text-red-700"
                  aria-label={`Remove image ${index + 1}`}
                  onClick={() =>
                    arrange.mutate(images.filter((_, i) => i !== index).map((item) => item.fileId))
                  }
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <div className="rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-10 text-center text-stone-600">
          No images yet. Gigs with a cover image get far more clicks.
        </div>
      )}
      {room > 0 ? (
        <div className="mt-6">
          <label htmlFor={inputId} className="block text-sm font-medium text-stone-800">
            Add images
          </label>
          <input
            id={inputId}
            type="file"
            accept={IMAGE_TYPES.join(",")}
            multiple
            disabled={busy}
            onChange={(event) => void onFiles(event)}
            className="mt-2 block w-full text-sm text-stone-700 file:mr-4 file:rounded-full file:border-0 file:bg-brand-700 file:px-4 file:py-2.5 file:text-sm file:font-medium file:text-white hover:file:bg-brand-800"
          />
          <p className="mt-1.5 text-sm text-stone-600">
            Up to {formatCount(room, "more image", "more images")}.
          </p>
        </div>
      ) : null}
      <StepFooter
        back={onBack}
        primary={
          <Button size="lg" onClick={onNext} disabled={busy}>
            Continue to publish
          </Button>
        }
      />
    </section>
  );
}

function PublishStep({
  gig,
  dirty,
  me,
  onGo,
}: {
  gig: Gig;
  dirty: ReadonlySet<EditorStep>;
  me: Me;
  onGo: (step: EditorStep) => void;
}) {
  const queryClient = useQueryClient();
  const current = useQuery(gigQueryOptions(gig.id)).data ?? gig;
  const [error, setError] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () =>
      read(GigSchema, api.POST("/api/gigs/{id}/publish", { params: { path: { id: gig.id } } })),
    onMutate: () => setError(null),
    onSuccess: (saved) => refreshGigLists(queryClient, saved),
    onError: (failure) => setError(describeError(failure)),
  });
  const unsaved = unsavedSteps(dirty);
  const missing = missingSteps(current);
  const canPublish = ["draft", "paused", "denied"].includes(current.status);
  const packages = current.packages;

  const checks: { step: EditorStep; label: string; detail: string; ok: boolean }[] = [
    {
      step: "overview",
      label: "Overview",
      detail: `${current.category.name} · ${current.tags.join(", ")}`,
      ok: true,
    },
    {
      step: "pricing",
      label: "Pricing",
      detail: missing.includes("pricing")
        ? "Not set yet: add at least the basic package"
        : `${formatCount(packages.length, "package", "packages")} from ${formatMoney(current.startingPrice)}${
            current.extras.length > 0 ? `, ${formatCount(current.extras.length, "extra", "extras")}` : ""
          }`,
      ok: !missing.includes("pricing"),
    },
    {
      step: "description",
      label: "Description & FAQ",
      detail: missing.includes("description")
        ? `Not written yet: describe your service in at least ${GIG_LIMITS.description.min} characters`
        : current.faq.length > 0
          ? formatCount(current.faq.length, "question answered", "questions answered")
          : "No FAQ",
      ok: !missing.includes("description"),
    },
    {
      step: "requirements",
      label: "Requirements",
      detail:
        current.requirements.length > 0
          ? formatCount(current.requirements.length, "question for the buyer", "questions for the buyer")
          : "None: buyers can start right away",
      ok: true,
    },
    {
      step: "gallery",
      label: "Gallery",
      detail:
        current.images.length > 0
          ? formatCount(current.images.length, "image", "images")
          : "No images yet: a cover image gets far more clicks",
      ok: current.images.length > 0,
    },
  ];

  return (
    <section className="mt-8">
      <StepIntro title="Publish">
        Check everything once more. Publishing lists your gig in search and on your profile straight away,
        unless a moderator needs to look at it first.
      </StepIntro>

      <ul className="max-w-3xl divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
        {checks.map((check) => (
          <li key={check.step} className="flex items-start gap-3 px-5 py-4">
            <span
              className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full ${check.ok ? "bg-brand-100 text-brand-800" : "bg-amber-100 text-amber-800"}`}
            >
              {check.ok ? <CheckIcon className="size-4" /> : <AlertIcon className="size-4" />}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-stone-900">{check.label}</p>
              <p className="text-sm text-stone-600">{check.detail}</p>
            </div>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => onGo(check.step)}
              aria-label={`Edit ${check.label}`}
            >
              Edit
            </Button>
          </li>
        ))}
      </ul>

      <div className="mt-8 max-w-3xl space-y-4">
        {unsaved.length > 0 ? (
          <FormAlert>
            You have unsaved changes in {unsaved.map((step) => STEP_LABELS[step]).join(", ")}. Open{" "}
            {unsaved.length === 1 ? "that step" : "those steps"} and choose “Save and continue” before
            publishing.
          </FormAlert>
        ) : null}
        {missing.length > 0 && canPublish ? (
          <FormAlert>
            Before publishing, complete {missing.map((step) => STEP_LABELS[step]).join(" and ")}. Your draft
            is saved; you can come back to it from My gigs.
          </FormAlert>
        ) : null}
        {error ? <FormAlert>{error}</FormAlert> : null}
        <PublishOutcome gig={current} me={me} />
        {canPublish ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              size="lg"
              loading={publish.isPending}
              disabled={unsaved.length > 0 || missing.length > 0}
              onClick={() => publish.mutate()}
            >
              {current.status === "draft" ? "Publish gig" : "Publish again"}
            </Button>
            <ButtonLink to="/gigs/$gigId" params={{ gigId: gig.id }} variant="ghost" size="lg">
              Preview
            </ButtonLink>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function PublishOutcome({ gig, me }: { gig: Gig; me: Me }) {
  if (gig.status === "active") {
    return (
      <div role="status" className="rounded-2xl border border-brand-200 bg-brand-50 p-5">
        <p className="font-display text-xl font-semibold text-brand-900">Your gig is live</p>
        <p className="mt-1 text-brand-900">Buyers can find it in search and on your profile now.</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink to="/gigs/$gigId" params={{ gigId: gig.id }}>
            View your gig
          </ButtonLink>
          <ButtonLink to="/users/$username" params={{ username: me.username }} variant="secondary">
            View your profile
          </ButtonLink>
          <ButtonLink to="/seller/gigs" variant="ghost">
            Go to my gigs
          </ButtonLink>
        </div>
      </div>
    );
  }
  if (gig.status === "pending_review") {
    return (
      <div role="status" className="rounded-2xl border border-sky-200 bg-sky-50 p-5 text-sky-950">
        <p className="font-display text-xl font-semibold">Sent for review</p>
        <p className="mt-1">
          A moderator will look at your gig before it is listed. You’ll see the outcome in My gigs.
          {gig.moderationReason ? ` Reason: ${gig.moderationReason}` : ""}
        </p>
      </div>
    );
  }
  if (gig.status === "denied") {
    return (
      <div className="rounded-2xl border border-red-200 bg-red-50 p-5 text-red-900">
        <p className="font-semibold">A moderator turned this gig down</p>
        {gig.moderationReason ? <p className="mt-1">Reason: {gig.moderationReason}</p> : null}
        <p className="mt-1">Edit what they pointed out, then publish again.</p>
      </div>
    );
  }
  return null;
}
