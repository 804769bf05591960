import { Link, Outlet } from "@tanstack/react-router";
import { lazy, Suspense, type ReactNode } from "react";
import { useMe } from "../lib/session";
import { Header } from "./Header";
import { VerifyEmailBanner } from "./VerifyEmailBanner";

const RealtimeBridge = lazy(() => import("./RealtimeBridge"));

export function Layout({ children }: { children?: ReactNode }) {
  const me = useMe();
  // One live connection per tab while signed in: pushes keep the inbox, bell and orders fresh.
  const userId = me.data?.id ?? null;
  return (
    <div className="flex min-h-dvh flex-col">
      {userId && (
        <Suspense fallback={null}>
          <RealtimeBridge userId={userId} />
        </Suspense>
      )}
      <a
        href="#main"
        className="fixed top-3 left-3 z-50 -translate-y-24 rounded-full bg-brand-700 px-4 py-2 font-medium text-white shadow-lg focus:translate-y-0"
      >
        Skip to content
      </a>
      <Header />
      <VerifyEmailBanner />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children ?? <Outlet />}
      </main>
      <Footer />
    </div>
  );
}

function Footer() {
  const year = new Date().getFullYear();
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm text-stone-600 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr] sm:px-6">
        <div className="space-y-2">
          <p className="font-display text-lg font-semibold text-stone-900">Atelier</p>
          <p className="max-w-sm">
            An open-source marketplace for independent work. Payments are held in escrow until you accept the
            delivery.
          </p>
        </div>
        <nav aria-label="Marketplace" className="space-y-2">
          <p className="font-medium text-stone-900">Marketplace</p>
          <ul className="space-y-1.5">
            <li>
              <Link to="/search" className="hover:text-brand-800 hover:underline">
                Browse services
              </Link>
            </li>
            <li>
              <Link to="/" hash="how-it-works" className="hover:text-brand-800 hover:underline">
                How Atelier works
              </Link>
            </li>
            <li>
              <Link to="/become-a-seller" className="hover:text-brand-800 hover:underline">
                Sell on Atelier
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-label="Support" className="space-y-2">
          <p className="font-medium text-stone-900">Support</p>
          <ul className="space-y-1.5">
            <li>
              <Link to="/help" className="hover:text-brand-800 hover:underline">
                Help
              </Link>
            </li>
            <li>
              <Link to="/terms" className="hover:text-brand-800 hover:underline">
                Terms of Service
              </Link>
            </li>
            <li>
              <Link to="/privacy" className="hover:text-brand-800 hover:underline">
                Privacy Policy
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-label="Developers" className="space-y-2">
          <p className="font-medium text-stone-900">Developers</p>
          <ul className="space-y-1.5">
            <li>
              <a href="/api/docs" className="hover:text-brand-800 hover:underline">
                API reference
              </a>
            </li>
            <li>
              <Link to="/settings/tokens" className="hover:text-brand-800 hover:underline">
                API tokens
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <div className="border-t border-stone-100">
        <p className="mx-auto max-w-6xl px-4 py-4 text-xs text-stone-600 sm:px-6">
          © {year} Atelier contributors · Open source under the MIT licence
        </p>
      </div>
    </footer>
  );
}
