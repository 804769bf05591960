import { useQuery } from "@tanstack/react-query";
import { useParams, useSearch } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { NotFoundState } from "../../components/NotFoundState";
import { PageErrorState } from "../../components/ErrorState";
import { SignatureIcon } from "../../components/icons";
import { PageSkeleton } from "../../components/Skeleton";
import { isApiError } from "../../lib/api";
import { gigQueryOptions, marketplaceCurrencyQueryOptions } from "../../lib/catalog";
import { useMe } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { type EditorStep } from "./gigEditorModel";
import { Editor } from "./Editor";

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
      <NotFoundState
        title="We couldn’t find that gig"
        action={<ButtonLink to="/seller/gigs">Go to my gigs</ButtonLink>}
      >
        <p>It may have been archived, or it belongs to another seller.</p>
      </NotFoundState>
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
