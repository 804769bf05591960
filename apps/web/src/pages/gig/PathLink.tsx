import { useNavigate } from "@tanstack/react-router";
import { type MouseEvent, type ReactNode } from "react";
import { buttonClasses, type ButtonVariant } from "../../components/Button";

/** An anchor for paths other parts of the app own; the router still handles the navigation. */
export function PathLink({
  href,
  variant = "primary",
  className = "",
  children,
}: {
  href: string;
  variant?: ButtonVariant;
  className?: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    void navigate({ href });
  }
  return (
    <a href={href} onClick={onClick} className={buttonClasses(variant, "lg", className)}>
      {children}
    </a>
  );
}
