import { SignatureIcon } from "../../components/icons";

export function AiNote() {
  return (
    <p className="mt-5 flex items-start gap-2 rounded-xl border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">
      <SignatureIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
      <span>
        <strong className="font-semibold text-stone-900">AI-assisted.</strong> The seller uses AI tools for
        part of this work. Each delivery’s signed receipt says how.
      </span>
    </p>
  );
}
