import { GigSchema, type CreateGigBody, type Gig, type Me, type UpdateGigBody } from "@atelier/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useBlocker, useNavigate } from "@tanstack/react-router";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { FormAlert } from "../../components/FormAlert";
import { GigStatusBadge } from "../../components/GigStatusBadge";
import { UnsavedChangesDialog } from "../../components/UnsavedChangesDialog";
import { api, describeError, isApiError, read } from "../../lib/api";
import {
  EDITOR_STEPS,
  STEP_LABELS,
  createBody,
  draftFromGig,
  emptyDraft,
  isFormStep,
  leavesEditor,
  serverErrors,
  stepBody,
  stepOfErrors,
  unsavedSteps,
  type EditorDraft,
  type EditorErrors,
  type EditorStep,
} from "./gigEditorModel";
import { DescriptionStep } from "./DescriptionStep";
import { GalleryStep } from "./GalleryStep";
import { OverviewStep } from "./OverviewStep";
import { PricingStep } from "./PricingStep";
import { PublishStep } from "./PublishStep";
import { RequirementsStep } from "./RequirementsStep";
import { StepFooter } from "./StepFooter";
import { StepNav } from "./StepNav";
import { refreshGigLists } from "./editorHelpers";

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

export function Editor({ gig, step, currency, me }: EditorProps) {
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
                to="/$username/$slug"
                params={{ username: gig.seller.username, slug: gig.slug }}
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
