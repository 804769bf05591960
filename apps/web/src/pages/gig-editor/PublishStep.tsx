import { GIG_LIMITS, GigSchema, type Gig, type Me } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, ButtonLink } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { AlertIcon, CheckIcon } from "../../components/icons";
import { api, describeError, read } from "../../lib/api";
import { gigQueryOptions } from "../../lib/catalog";
import { formatCount, formatMoney } from "../../lib/format";
import { STEP_LABELS, missingSteps, unsavedSteps, type EditorStep } from "./gigEditorModel";
import { PublishOutcome } from "./PublishOutcome";
import { StepIntro } from "./StepIntro";
import { refreshGigLists } from "./editorHelpers";

export function PublishStep({
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
            <ButtonLink
              to="/$username/$slug"
              params={{ username: gig.seller.username, slug: gig.slug }}
              variant="ghost"
              size="lg"
            >
              Preview
            </ButtonLink>
          </div>
        ) : null}
      </div>
    </section>
  );
}
