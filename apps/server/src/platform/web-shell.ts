import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The built web app's `index.html`, which server-rendered public pages fill in: their head tags
 * replace the default title and description, their content goes inside `#root` (the app renders
 * over it once its script runs). Without a build (the API alone, tests) a minimal page stands in.
 */
export interface WebShell {
  /** Whether `index.html` came from the web build (the single-page app is served). */
  built: boolean;
  /** The template as it is, for the app's own pages. */
  raw: string;
  /** The page with `head` added to `<head>` and `body` inside the app's root element. */
  render(parts: { head: string; body: string }): string;
}

const FALLBACK = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Atelier</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const ROOT = '<div id="root"></div>';
// The template's own title and description give way to the page's.
const DEFAULT_HEAD = [/<title>[\s\S]*?<\/title>\s*/i, /<meta\s+name="description"[\s\S]*?\/?>\s*/i];

/** Reads the template once; the parts around the insertion points are kept as plain strings. */
export function loadWebShell(webDistDir: string): WebShell {
  let raw: string;
  let built = true;
  try {
    raw = readFileSync(path.join(webDistDir, "index.html"), "utf8");
  } catch {
    raw = FALLBACK;
    built = false;
  }
  let html = raw;
  for (const pattern of DEFAULT_HEAD) html = html.replace(pattern, "");
  // A template without these landmarks still works: head tags after the doctype, content at the end.
  let headAt = html.indexOf("</head>");
  if (headAt < 0) headAt = /^\s*<!doctype[^>]*>/i.exec(html)?.[0].length ?? 0;
  let bodyAt = html.indexOf(ROOT);
  bodyAt = bodyAt >= headAt ? bodyAt + ROOT.length - "</div>".length : html.length;
  const before = html.slice(0, headAt);
  const middle = html.slice(headAt, bodyAt);
  const after = html.slice(bodyAt);
  return { built, raw, render: ({ head, body }) => before + head + middle + body + after };
}
