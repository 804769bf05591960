import {
  SellerProfileBodySchema,
  type Me,
  type PublicProfile,
  type SellerProfileBody,
} from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useId, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { PageSkeleton } from "../components/Skeleton";
import { TextAreaField, TextField } from "../components/TextField";
import { anything, api, describeError, isApiError, read } from "../lib/api";
import { countries, countryCode } from "../lib/countries";
import { formatCountry } from "../lib/format";
import { commaList, serverFieldErrors, textOf, validate } from "../lib/forms";
import { profileQueryOptions } from "../lib/profile";
import { meQueryKey, useMe } from "../lib/session";
import { useFieldErrors } from "../lib/useFieldErrors";
import { usePageTitle } from "../lib/usePageTitle";

const FIELDS: readonly string[] = ["headline", "bio", "skills", "languages", "country"];
const LABELS: Record<string, string> = {
  headline: "The headline",
  bio: "The bio",
  skills: "The skills list",
  languages: "The languages list",
  country: "The country",
};

const STEPS = [
  {
    title: "Describe what you do",
    body: "A clear headline and a short bio help buyers decide in seconds. You can change them at any time.",
  },
  {
    title: "Publish your first gig",
    body: "Package your work into up to three tiers with fixed prices, delivery times and revisions.",
  },
  {
    title: "Get paid safely",
    body: "Buyers pay into escrow when they order. You’re paid when they accept, and earnings clear after 14 days.",
  },
];

export function BecomeSellerPage() {
  const me = useMe();
  const username = me.data?.username ?? "";
  const isSeller = me.data?.isSeller ?? false;
  const existing = useQuery({ ...profileQueryOptions(username), enabled: isSeller && username !== "" });
  usePageTitle(isSeller ? "Edit seller profile" : "Become a seller");

  if (me.isPending || (isSeller && existing.isPending))
    return <PageSkeleton label="Loading seller profile" />;
  if (!me.data) {
    return (
      <div className="mx-auto max-w-xl px-4 py-20 text-center sm:px-6">
        <h1 className="font-display text-3xl font-semibold text-stone-900">Sign in to start selling</h1>
        <p className="mt-3 text-stone-600">
          Your session has ended. Sign in again to set up your seller profile.
        </p>
        <ButtonLink to="/login" search={{ redirect: "/become-a-seller" }} className="mt-8">
          Sign in
        </ButtonLink>
      </div>
    );
  }

  return (
    <div className="mx-auto grid max-w-6xl gap-12 px-4 py-12 sm:px-6 sm:py-16 lg:grid-cols-[minmax(0,36rem)_1fr] lg:gap-20">
      <div>
        <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">
          {isSeller ? "Seller profile" : "Sell on Atelier"}
        </p>
        <h1 className="mt-2 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
          {isSeller ? "Edit your seller profile" : "Become a seller"}
        </h1>
        <p className="mt-3 text-stone-600">
          This is what buyers see on your public profile and beside every gig you publish.
        </p>
        <SellerProfileForm
          key={isSeller ? "edit" : "new"}
          me={me.data}
          initial={existing.data ?? null}
          isSeller={isSeller}
        />
      </div>
      <aside
        aria-labelledby="selling-steps"
        className="self-start rounded-3xl border border-stone-200 bg-white p-8"
      >
        <h2 id="selling-steps" className="font-display text-xl font-semibold text-stone-900">
          How selling works
        </h2>
        <ol className="mt-6 space-y-6">
          {STEPS.map((step, index) => (
            <li key={step.title} className="flex gap-4">
              <span className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-50 text-sm font-semibold text-brand-800">
                {index + 1}
              </span>
              <div>
                <p className="font-medium text-stone-900">{step.title}</p>
                <p className="mt-1 text-sm leading-relaxed text-stone-600">{step.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

interface SellerProfileFormProps {
  me: Me;
  initial: PublicProfile | null;
  isSeller: boolean;
}

function SellerProfileForm({ me, initial, isSeller }: SellerProfileFormProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [country, setCountry] = useState(initial?.country ? formatCountry(initial.country) : "");
  const listId = useId();
  const { formRef, fieldErrors, showFieldErrors, clearError, submitValid } = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: SellerProfileBody) => read(anything, api.PUT("/api/me/seller-profile", { body })),
    onSuccess: async () => {
      // Leave first, then refresh: the profile page fetches the new profile, the header learns isSeller.
      queryClient.removeQueries({ queryKey: profileQueryOptions(me.username).queryKey });
      await navigate({ to: "/users/$username", params: { username: me.username } });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => {
      if (isApiError(error, 400)) {
        const errors = serverFieldErrors(error, FIELDS, LABELS);
        if (Object.keys(errors).length > 0) {
          showFieldErrors(errors);
          return;
        }
      }
      setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFormError(null);
    const result = validate(
      SellerProfileBodySchema,
      {
        headline: textOf(form, "headline").trim(),
        bio: textOf(form, "bio").trim(),
        skills: commaList(textOf(form, "skills")),
        languages: commaList(textOf(form, "languages")),
        country: countryCode(textOf(form, "country")) ?? "",
      },
      {
        headline: "Use at most 120 characters.",
        bio: "Use at most 2,000 characters.",
        skills: "List between 1 and 15 skills, each up to 40 characters, separated by commas.",
        languages: "List between 1 and 10 languages, separated by commas.",
      },
    );
    // The schema's message speaks of ISO codes; the person picked (or typed) a name.
    const countryError = "Choose your country from the list, such as Germany.";
    submitValid(
      result.ok || !result.errors.country
        ? result
        : { ...result, errors: { ...result.errors, country: countryError } },
      (body) => save.mutate(body),
    );
  }

  const picked = countryCode(country);

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-10 space-y-6">
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <TextField
        label="Headline"
        name="headline"
        defaultValue={initial?.headline ?? ""}
        maxLength={120}
        required
        hint="One line under your name, such as “Brand identities for independent coffee roasters”."
        error={fieldErrors.headline}
        onChange={() => clearError("headline")}
      />
      <TextAreaField
        label="Bio"
        name="bio"
        defaultValue={initial?.bio ?? ""}
        maxLength={2000}
        rows={6}
        required
        hint="At least 20 characters: what you do, how you like to work, and who you’ve done it for."
        error={fieldErrors.bio}
        onChange={() => clearError("bio")}
      />
      <TextField
        label="Skills"
        name="skills"
        defaultValue={initial?.skills.join(", ") ?? ""}
        required
        hint="Separate with commas, such as “Logo design, Illustrator, Brand strategy”."
        error={fieldErrors.skills}
        onChange={() => clearError("skills")}
      />
      <TextField
        label="Languages"
        name="languages"
        defaultValue={initial?.languages.join(", ") ?? ""}
        required
        hint="Languages you can work in, separated by commas, such as “English, German”."
        error={fieldErrors.languages}
        onChange={() => clearError("languages")}
      />
      <TextField
        label="Country"
        name="country"
        value={country}
        list={listId}
        autoComplete="country-name"
        spellCheck={false}
        required
        className="sm:max-w-xs"
        hint={
          picked
            ? `Saved as ${formatCountry(picked)} (${picked}).`
            : "Start typing and pick your country from the list."
        }
        error={fieldErrors.country}
        onChange={(event) => {
          setCountry(event.currentTarget.value);
          clearError("country");
        }}
      />
      <datalist id={listId}>
        {countries().map((c) => (
          <option key={c.code} value={c.name} />
        ))}
      </datalist>
      <div className="flex flex-wrap items-center gap-3 pt-2">
        <Button type="submit" size="lg" loading={save.isPending}>
          Save seller profile
        </Button>
        {isSeller ? (
          <ButtonLink to="/users/$username" params={{ username: me.username }} variant="ghost" size="lg">
            Cancel
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
