import type { CategoryDetail, GigCard, PublicProfile } from "@atelier/contracts";
import type { GigPageView } from "../catalog/catalog.public";
import {
  cutSummary,
  decimalPrice,
  escapeHtml,
  formatMoney,
  oneLine,
  paragraphs,
  summary,
  type PageHead,
} from "./seo.html";

/** A server-rendered public page: its head tags and the content put inside the app's root. */
export interface RenderedPage {
  head: PageHead;
  body: string;
}

const TIER_NAMES = { basic: "Basic", standard: "Standard", premium: "Premium" } as const;

const absolute = (origin: string, href: string) => (/^https?:\/\//.test(href) ? href : `${origin}${href}`);

/** A gig page's address, `/<username>/<slug>`. */
export const gigHref = (username: string, slug: string) =>
  `/${encodeURIComponent(username)}/${encodeURIComponent(slug)}`;
export const userHref = (username: string) => `/users/${encodeURIComponent(username)}`;
export const categoryHref = (slug: string) => `/categories/${encodeURIComponent(slug)}`;

function ratingText(rating: { average: number | null; count: number }): string {
  if (rating.average === null || rating.count === 0) return "No reviews yet";
  return `★ ${rating.average.toFixed(1)} (${rating.count} review${rating.count === 1 ? "" : "s"})`;
}

function aggregateRating(rating: { average: number | null; count: number }) {
  if (rating.average === null || rating.count === 0) return undefined;
  return {
    "@type": "AggregateRating",
    ratingValue: rating.average,
    reviewCount: rating.count,
    bestRating: 5,
    worstRating: 1,
  };
}

/** A gig's page: what it is, who sells it, its packages and prices, its FAQ. */
export function gigPage(gig: GigPageView, origin: string): RenderedPage {
  const url = `${origin}${gigHref(gig.seller.username, gig.slug)}`;
  const crumbs = [gig.category.parent, { slug: gig.category.slug, name: gig.category.name }]
    .flatMap((c) => (c ? [`<a href="${categoryHref(c.slug)}">${escapeHtml(c.name)}</a>`] : []))
    .join(" › ");
  const packages = gig.packages
    .map(
      (p) =>
        `<li><h3>${TIER_NAMES[p.tier]}: ${escapeHtml(p.name)}</h3><p>${escapeHtml(p.description)}</p>` +
        `<p>${escapeHtml(formatMoney(p.priceAllIn))} · ${p.deliveryDays}-day delivery · ` +
        `${p.revisions === null ? "unlimited" : p.revisions} revision${p.revisions === 1 ? "" : "s"}</p>` +
        (p.features.length > 0
          ? `<ul>${p.features.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`
          : "") +
        `</li>`,
    )
    .join("");
  const faq = gig.faq
    .map((f) => `<dt>${escapeHtml(f.question)}</dt><dd>${escapeHtml(f.answer)}</dd>`)
    .join("");
  const body =
    `<main id="public-page"><nav aria-label="Breadcrumb">${crumbs}</nav>` +
    `<h1>${escapeHtml(gig.title)}</h1>` +
    `<p>By <a href="${userHref(gig.seller.username)}">${escapeHtml(gig.seller.displayName)}</a> · ${ratingText(gig.rating)}</p>` +
    `<p>From ${escapeHtml(formatMoney(gig.startingPriceAllIn))} · ${gig.deliveryDays}-day delivery</p>` +
    `<section><h2>About this gig</h2>${paragraphs(gig.description)}</section>` +
    `<section><h2>Packages</h2><ul>${packages}</ul></section>` +
    (faq ? `<section><h2>Frequently asked questions</h2><dl>${faq}</dl></section>` : "") +
    `</main>`;
  const image = gig.coverImageUrl ? absolute(origin, gig.coverImageUrl) : null;
  const description = oneLine(gig.description);
  // Optional members are undefined rather than spread in: JSON leaves them out, in the same order.
  const service = {
    "@context": "https://schema.org",
    "@type": "Service",
    name: gig.title,
    description: cutSummary(description, 500),
    url,
    image: image ?? undefined,
    category: gig.category.name,
    provider: {
      "@type": "Person",
      name: gig.seller.displayName,
      url: `${origin}${userHref(gig.seller.username)}`,
    },
    offers: gig.packages.map((p) => ({
      "@type": "Offer",
      name: `${TIER_NAMES[p.tier]}: ${p.name}`,
      price: decimalPrice(p.priceAllIn),
      priceCurrency: p.priceAllIn.currency,
      availability: "https://schema.org/InStock",
      url,
    })),
    aggregateRating: aggregateRating(gig.rating),
  };
  return {
    head: {
      title: `${gig.title} — ${gig.seller.displayName} | Atelier`,
      description: cutSummary(description, 160),
      canonical: url,
      ogType: "product",
      image,
      jsonLd: [service],
    },
    body,
  };
}

function gigList(gigs: readonly GigCard[]): string {
  if (gigs.length === 0) return "<p>No services yet.</p>";
  const items = gigs.map(
    (g) =>
      `<li><a href="${gigHref(g.seller.username, g.slug)}">${escapeHtml(g.title)}</a> by ` +
      `${escapeHtml(g.seller.displayName)} · from ${escapeHtml(formatMoney(g.startingPriceAllIn))} · ${ratingText(g.rating)}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

/** A member's public profile: who they are and, for sellers, their gigs. */
export function profilePage(profile: PublicProfile, gigs: readonly GigCard[], origin: string): RenderedPage {
  const url = `${origin}${userHref(profile.username)}`;
  const about =
    profile.headline ?? profile.bio ?? (profile.isSeller ? "Seller on Atelier" : "Member of Atelier");
  const facts = [
    profile.country ? `From ${escapeHtml(profile.country)}` : "",
    `Member since ${profile.memberSince.slice(0, 4)}`,
    profile.isSeller ? ratingText(profile.rating) : "",
  ].filter((f) => f !== "");
  const body =
    `<main id="public-page"><h1>${escapeHtml(profile.displayName)}</h1>` +
    (profile.headline ? `<p>${escapeHtml(profile.headline)}</p>` : "") +
    `<p>${facts.join(" · ")}</p>` +
    (profile.bio ? `<section><h2>About</h2>${paragraphs(profile.bio)}</section>` : "") +
    (profile.skills.length > 0
      ? `<section><h2>Skills</h2><p>${escapeHtml(profile.skills.join(", "))}</p></section>`
      : "") +
    (profile.isSeller ? `<section><h2>Services</h2>${gigList(gigs)}</section>` : "") +
    `</main>`;
  const person = {
    "@context": "https://schema.org",
    "@type": "Person",
    name: profile.displayName,
    alternateName: profile.username,
    url,
    ...(profile.headline ? { jobTitle: profile.headline } : {}),
    ...(profile.bio ? { description: summary(profile.bio, 500) } : {}),
    ...(profile.skills.length > 0 ? { knowsAbout: profile.skills } : {}),
  };
  return {
    head: {
      title: `${profile.displayName} (@${profile.username}) | Atelier`,
      description: summary(about),
      canonical: url,
      ogType: "profile",
      jsonLd: [person],
    },
    body,
  };
}

/** A category's page: what it covers, its subcategories and its most ordered services. */
export function categoryPage(
  category: CategoryDetail,
  gigs: readonly GigCard[],
  origin: string,
): RenderedPage {
  const url = `${origin}${categoryHref(category.slug)}`;
  const description = category.description ?? `Hire freelancers for ${category.name} on Atelier.`;
  const children = category.children
    .map((c) => `<li><a href="${categoryHref(c.slug)}">${escapeHtml(c.name)}</a></li>`)
    .join("");
  const body =
    `<main id="public-page">` +
    (category.parent
      ? `<nav aria-label="Breadcrumb"><a href="${categoryHref(category.parent.slug)}">${escapeHtml(category.parent.name)}</a></nav>`
      : "") +
    `<h1>${escapeHtml(category.name)}</h1><p>${escapeHtml(description)}</p>` +
    (children ? `<section><h2>Subcategories</h2><ul>${children}</ul></section>` : "") +
    `<section><h2>Services</h2>${gigList(gigs)}</section></main>`;
  const list = {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name: category.name,
    description: summary(description, 500),
    url,
    mainEntity: {
      "@type": "ItemList",
      itemListElement: gigs.map((g, i) => ({
        "@type": "ListItem",
        position: i + 1,
        url: `${origin}${gigHref(g.seller.username, g.slug)}`,
        name: g.title,
      })),
    },
  };
  return {
    head: {
      title: `${category.name} services | Atelier`,
      description: summary(description),
      canonical: url,
      ogType: "website",
      jsonLd: [list],
    },
    body,
  };
}
