import type { Gig } from "@atelier/contracts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHead } from "../../src/modules/seo/seo.html";
import { gigPage } from "../../src/modules/seo/seo.models";
import { loadWebShell } from "../../src/platform/web-shell";
import type { ApiClient } from "../client";
import { createActiveGig, createGig, textOfLength } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
let seller: ApiClient;
let sellerUser: { id: string; username: string };
let gig: Gig;
let hostile: Gig;
let draft: Gig;

const HOSTILE_TITLE = "<script>alert(1)</script> logo & brand design";
const HOSTILE_TEXT = `${textOfLength(150)} </script><script>alert("x")</script> <!-- & "quoted" 'single'`;

/** What a crawler gets: the raw answer, no JavaScript, redirects not followed. */
async function raw(path: string) {
  const res = await fetch(server.url + path, { redirect: "manual" });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function jsonLd(html: string): Record<string, unknown>[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  return blocks.map((m) => JSON.parse(m[1] ?? "null") as Record<string, unknown>);
}

const origin = () => server.config.notifications.publicUrl;

beforeAll(async () => {
  server = await startTestServer();
  seller = server.client();
  sellerUser = await seller.signupSeller();
  gig = await createActiveGig(seller, { title: "I will design a modern minimalist logo for your brand" });
  hostile = await createActiveGig(seller, { title: HOSTILE_TITLE, description: HOSTILE_TEXT });
  draft = await createGig(seller, { title: "A draft nobody may see yet, not even crawlers" });
});
afterAll(() => server.close());

describe("gig pages at /<username>/<slug>", () => {
  it("serves the gig's content, head tags and JSON-LD in the HTML itself", async () => {
    const res = await raw(`/${sellerUser.username}/${gig.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const canonical = `${origin()}/${sellerUser.username}/${gig.slug}`;
    expect(res.text).toContain(`<title>${gig.title} — ${gig.seller.displayName} | Atelier</title>`);
    expect(res.text).toContain(`<link rel="canonical" href="${canonical}" />`);
    expect(res.text).toContain(
      `<meta property="og:title" content="${gig.title} — ${gig.seller.displayName} | Atelier" />`,
    );
    expect(res.text).toContain('<meta property="og:type" content="product" />');
    expect(res.text).toMatch(/<meta name="description" content="[^"]{20,}" \/>/);
    expect(res.text).toContain(`<h1>${gig.title}</h1>`);
    for (const p of gig.packages) expect(res.text).toContain(p.name);
    expect(res.text).toContain(gig.faq[0]?.question);
    // Exactly one title and one description: the template's defaults gave way.
    expect(res.text.match(/<title>/g)).toHaveLength(1);
    expect(res.text.match(/<meta name="description"/g)).toHaveLength(1);

    const [service] = jsonLd(res.text);
    expect(service).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Service",
      name: gig.title,
      url: canonical,
      provider: { "@type": "Person", name: gig.seller.displayName },
    });
    const offers = service?.offers as { price: string; priceCurrency: string }[];
    expect(offers.map((o) => o.price)).toEqual(
      gig.packages.map((p) => (p.priceAllIn.amount / 100).toFixed(2)),
    );
    expect(offers[0]?.priceCurrency).toBe(gig.packages[0]?.priceAllIn.currency);
  });

  it("escapes everything a seller wrote, in the content, the head and the JSON-LD", async () => {
    const res = await raw(`/${sellerUser.username}/${hostile.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("<script>alert");
    expect(res.text).not.toContain('</script><script>alert("x")');
    expect(res.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; logo &amp; brand design");
    // The only script elements are the app's own and the JSON-LD block.
    const scripts = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.every((s) => s.includes("application/ld+json") || s.includes("src="))).toBe(true);
    const [service] = jsonLd(res.text);
    expect(service?.name).toBe(HOSTILE_TITLE);
  });

  it("serves exactly the page the whole gig, as anyone reads it through the API, renders to", async () => {
    // The page reads only what it shows (a read of its own); the HTML must not tell.
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#36c" } })
      .png()
      .toBuffer();
    const fileIds: string[] = [];
    for (const name of ["cover.png", "second.png"]) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), name);
      const upload = await seller.post<{ id: string }>("/api/files", form);
      expect(upload.status).toBe(201);
      fileIds.push(upload.body.id);
    }
    const pictured = await createActiveGig(seller, { title: "A gig with a gallery of two pictures" });
    // The second upload first: the cover is the gallery's first picture, not the first uploaded.
    const gallery = [fileIds[1]!, fileIds[0]!];
    expect((await seller.put(`/api/gigs/${pictured.id}/images`, { fileIds: gallery })).status).toBe(200);
    const shell = loadWebShell(server.config.webDistDir);
    for (const g of [gig, hostile, pictured]) {
      const address = `/${sellerUser.username}/${g.slug}`;
      const whole = await server.client().get<Gig>(`/api/users/${sellerUser.username}/gigs/${g.slug}`);
      expect(whole.status).toBe(200);
      const page = gigPage(whole.body, origin());
      const res = await raw(address);
      expect(res.status).toBe(200);
      expect(res.text, address).toBe(shell.render({ head: renderHead(page.head), body: page.body }));
    }
    const res = await raw(`/${sellerUser.username}/${pictured.slug}`);
    expect(res.text).toContain(`<meta property="og:image" content="${origin()}/api/files/${gallery[0]}" />`);
    // What every response carries, the page included.
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("redirects an old /gigs/<id> address with 301 to the gig's address", async () => {
    const res = await raw(`/gigs/${gig.id}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/${sellerUser.username}/${gig.slug}`);
  });

  it("answers 404 for drafts, paused gigs and unknown addresses, without their content", async () => {
    const paused = await createActiveGig(seller, { title: "A gig that the seller paused for a while" });
    expect((await seller.post(`/api/gigs/${paused.id}/pause`)).status).toBe(200);
    for (const path of [
      `/${sellerUser.username}/${draft.slug}`,
      `/${sellerUser.username}/${paused.slug}`,
      `/${sellerUser.username}/no-such-gig`,
      `/nobody_here/${gig.slug}`,
      `/gigs/${draft.id}`,
    ]) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain("A draft nobody");
      expect(res.text).not.toContain("seller paused");
      expect(res.text).toContain('<meta name="robots" content="noindex" />');
    }
  });

  it("gives the owner the draft through the API at the same address", async () => {
    const res = await seller.get<Gig>(`/api/users/${sellerUser.username}/gigs/${draft.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(draft.id);
    expect((await server.client().get(`/api/users/${sellerUser.username}/gigs/${draft.slug}`)).status).toBe(
      404,
    );
  });
});

describe("usernames", () => {
  it("may not take a path the site uses for its own pages", async () => {
    const res = await server.client().post<{ code: string; errors: { path: string }[] }>("/api/auth/signup", {
      email: "search@example.test",
      username: "search",
      password: "correct horse battery",
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.path)).toEqual(["username"]);
  });
});

describe("profiles and categories", () => {
  it("serves a seller's profile with their gigs and a Person JSON-LD", async () => {
    const res = await raw(`/users/${sellerUser.username}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<link rel="canonical" href="${origin()}/users/${sellerUser.username}" />`);
    expect(res.text).toContain(`href="/${sellerUser.username}/${gig.slug}"`);
    expect(res.text).not.toContain(draft.title);
    const [person] = jsonLd(res.text);
    expect(person).toMatchObject({ "@type": "Person", alternateName: sellerUser.username });
    expect((await raw("/users/nobody_here")).status).toBe(404);
  });

  it("serves a category with its name, subcategories' or gigs' links and canonical link", async () => {
    const res = await raw(`/categories/${gig.category.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<h1>${gig.category.name}</h1>`);
    expect(res.text).toContain(`<link rel="canonical" href="${origin()}/categories/${gig.category.slug}" />`);
    expect(res.text).toContain(`href="/${sellerUser.username}/${gig.slug}"`);
    expect(jsonLd(res.text)[0]).toMatchObject({ "@type": "CollectionPage", name: gig.category.name });
    expect((await raw("/categories/no-such-category")).status).toBe(404);
  });
});

describe("sitemap and robots.txt", () => {
  it("lists published gigs only, in shards named by the index", async () => {
    const index = await raw("/sitemap.xml");
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toContain("application/xml");
    const shards = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    expect(shards).toEqual([
      `${origin()}/sitemap-pages-1.xml`,
      `${origin()}/sitemap-gigs-1.xml`,
      `${origin()}/sitemap-users-1.xml`,
    ]);
    const gigs = await raw("/sitemap-gigs-1.xml");
    expect(gigs.status).toBe(200);
    const urls = [...gigs.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(urls).toContain(`${origin()}/${sellerUser.username}/${gig.slug}`);
    expect(urls).toContain(`${origin()}/${sellerUser.username}/${hostile.slug}`);
    expect(urls).not.toContain(`${origin()}/${sellerUser.username}/${draft.slug}`);
    const users = await raw("/sitemap-users-1.xml");
    expect(users.text).toContain(`<loc>${origin()}/users/${sellerUser.username}</loc>`);
    const pages = await raw("/sitemap-pages-1.xml");
    expect(pages.text).toContain(`<loc>${origin()}/categories/${gig.category.slug}</loc>`);
    expect((await raw("/sitemap-gigs-2.xml")).status).toBe(404);
    expect((await raw("/sitemap-nonsense-1.xml")).status).toBe(404);
  });

  it("serves robots.txt pointing at the sitemap", async () => {
    const res = await raw("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Disallow: /api/");
    expect(res.text).toContain(`Sitemap: ${origin()}/sitemap.xml`);
  });
});
