/**
 * First path segments the web app and the server use for their own pages. Gig pages live at
 * `/<username>/<slug>`, so these are never read as a username there, and no new account may take
 * one as its username. A new top-level page of the web app is added here.
 */
export const APP_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  "admin",
  "api",
  "assets",
  "become-a-seller",
  "categories",
  "checkout",
  "dashboard",
  "forgot-password",
  "gigs",
  "help",
  "inbox",
  "login",
  "orders",
  "privacy",
  "reset-password",
  "search",
  "seller",
  "selling",
  "settings",
  "signup",
  "terms",
  "users",
  "verify",
  "verify-email",
  "wallet",
]);
