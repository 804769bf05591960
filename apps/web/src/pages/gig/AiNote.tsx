import type { AiUse } from "@atelier/contracts";
import { SignatureIcon } from "../../components/icons";

const TEXT: Record<AiUse, [string, string]> = {
  none: ["No AI.", "The seller declares that no AI is used in this work."],
  assisted: ["AI-assisted.", "The seller uses AI tools for part of this work; a person makes it."],
  generated: ["AI-generated.", "This work is mainly the output of AI tools."],
};

/** The gig's AI declaration; every delivery declares again, and its signed credential says how. */
export function AiNote({ aiUse, tools }: { aiUse: AiUse; tools: readonly string[] }) {
  const [title, text] = TEXT[aiUse];
  return (
    <p className="mt-5 flex items-start gap-2 rounded-xl border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">
      <SignatureIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
      <span>
        <strong className="font-semibold text-stone-900">{title}</strong> {text}
        {tools.length > 0 ? ` Tools: ${tools.join(", ")}.` : ""} Each delivery’s signed receipt says how.
      </span>
    </p>
  );
}
