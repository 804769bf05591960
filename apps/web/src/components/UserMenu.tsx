import type { Me } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { useSignOut } from "../lib/session";
import { Avatar } from "./Avatar";
import { ChevronDownIcon } from "./icons";

const itemClass =
  "flex w-full items-center rounded-lg px-3 py-2 text-left text-sm text-stone-800 hover:bg-stone-100 focus-visible:bg-stone-100";

/**
 * The signed-in user's menu, built as a disclosure (a button with aria-expanded that shows a list of
 * links and a "Sign out" button), so every item keeps its native role. Escape and clicks outside close it;
 * arrow keys move between items.
 */
export function UserMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const signOut = useSignOut();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !containerRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  function items(): HTMLElement[] {
    return Array.from(panelRef.current?.querySelectorAll<HTMLElement>("a[href], button") ?? []);
  }

  function focusItem(index: number) {
    const list = items();
    if (list.length === 0) return;
    list[(index + list.length) % list.length]?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const last = event.key === "ArrowUp";
      setOpen(true);
      requestAnimationFrame(() => focusItem(last ? -1 : 0));
    }
  }

  function onPanelKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const current = list.findIndex((element) => element === document.activeElement);
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusItem(current + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusItem(current - 1);
        break;
      case "Home":
        event.preventDefault();
        focusItem(0);
        break;
      case "End":
        event.preventDefault();
        focusItem(-1);
        break;
      default:
        break;
    }
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (next instanceof Node && containerRef.current?.contains(next)) return;
    if (next !== null) setOpen(false);
  }

  const close = () => setOpen(false);

  return (
    <div ref={containerRef} className="relative" onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onButtonKeyDown}
        className="flex items-center gap-2 rounded-full border border-transparent py-1 pr-2 pl-1 text-sm font-medium text-stone-800 transition-colors hover:border-stone-200 hover:bg-stone-100 aria-expanded:border-stone-200 aria-expanded:bg-stone-100"
      >
        <Avatar name={me.displayName} size="sm" />
        <span className="max-w-[7rem] truncate sm:max-w-[12rem]">{me.displayName}</span>
        <ChevronDownIcon
          className={`size-4 text-stone-500 transition-transform ${open ? "rotate-180" : ""}`}
        />
      </button>
      <div
        ref={panelRef}
        id={panelId}
        hidden={!open}
        onKeyDown={onPanelKeyDown}
        className="absolute right-0 z-40 mt-2 w-64 rounded-2xl border border-stone-200 bg-white p-2 shadow-lg shadow-stone-900/5"
      >
        <div className="border-b border-stone-100 px-3 pt-1 pb-3">
          <p className="truncate text-sm font-semibold text-stone-900">{me.displayName}</p>
          <p className="truncate text-sm text-stone-600">@{me.username}</p>
        </div>
        <ul className="space-y-0.5 pt-2">
          <li>
            <Link
              to="/users/$username"
              params={{ username: me.username }}
              className={itemClass}
              onClick={close}
            >
              Profile
            </Link>
          </li>
          <li>
            <Link to="/orders" className={itemClass} onClick={close}>
              Orders
            </Link>
          </li>
          {me.isSeller ? (
            <li>
              <Link to="/dashboard" className={itemClass} onClick={close}>
                Dashboard
              </Link>
            </li>
          ) : null}
          {me.isSeller ? (
            <li>
              <Link to="/selling/orders" className={itemClass} onClick={close}>
                Selling
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/briefs" className={itemClass} onClick={close}>
              Briefs
            </Link>
          </li>
          {me.isSeller ? (
            <li>
              <Link to="/seller/briefs" className={itemClass} onClick={close}>
                Brief inbox
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/wallet" className={itemClass} onClick={close}>
              Wallet
            </Link>
          </li>
          {me.isSeller ? (
            <li>
              <Link to="/seller/demand" className={itemClass} onClick={close}>
                Buyer demand
              </Link>
            </li>
          ) : null}
          {me.isSeller ? (
            <li>
              <Link to="/seller/gigs" className={itemClass} onClick={close}>
                My gigs
              </Link>
            </li>
          ) : (
            <li>
              <Link to="/become-a-seller" className={itemClass} onClick={close}>
                Become a seller
              </Link>
            </li>
          )}
          {me.roles.includes("admin") ? (
            <li>
              <Link to="/admin/moderation" className={itemClass} onClick={close}>
                Moderation
              </Link>
            </li>
          ) : null}
          {me.roles.includes("admin") ? (
            <li>
              <Link to="/admin/disputes" className={itemClass} onClick={close}>
                Disputes
              </Link>
            </li>
          ) : null}
          {me.roles.includes("admin") ? (
            <li>
              <Link to="/admin/demand" className={itemClass} onClick={close}>
                Search demand
              </Link>
            </li>
          ) : null}
          {me.roles.includes("admin") ? (
            <li>
              <Link to="/admin/users" className={itemClass} onClick={close}>
                Users
              </Link>
            </li>
          ) : null}
          <li>
            <Link to="/settings/security" className={itemClass} onClick={close}>
              Security
            </Link>
          </li>
          <li>
            <Link to="/settings/tokens" className={itemClass} onClick={close}>
              Access tokens
            </Link>
          </li>
          <li className="mt-1 border-t border-stone-100 pt-1">
            <button
              type="button"
              className={itemClass}
              disabled={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {signOut.isPending ? "Signing out…" : "Sign out"}
            </button>
          </li>
        </ul>
        {signOut.isError ? (
          <p role="alert" className="px-3 pt-2 text-sm text-red-700">
            Couldn’t sign out. Please try again.
          </p>
        ) : null}
      </div>
    </div>
  );
}
