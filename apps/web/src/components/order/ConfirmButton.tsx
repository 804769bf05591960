import { useRef, useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "../Button";

/**
 * A button for a step that cannot be undone (accepting a delivery, cancelling): the first press asks
 * "are you sure?" in place, the second does it.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  variant = "primary",
  pending,
  onConfirm,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  if (!asking) {
    return (
      <Button
        variant={variant}
        onClick={() => {
          setAsking(true);
          requestAnimationFrame(() => confirmRef.current?.querySelector("button")?.focus());
        }}
      >
        {label}
      </Button>
    );
  }
  return (
    <div
      ref={confirmRef}
      role="group"
      aria-label={label}
      className="w-full rounded-2xl border border-stone-200 bg-stone-50 p-4"
    >
      <div className="text-sm text-stone-800">{question}</div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant={variant} loading={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="ghost" disabled={pending} onClick={() => setAsking(false)}>
          Not now
        </Button>
      </div>
    </div>
  );
}
