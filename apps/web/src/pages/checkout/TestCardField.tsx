import { TEST_CARDS } from "./checkoutHelpers";

export function TestCardField({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-medium text-stone-800">Test card</legend>
      <p className="mt-1 text-sm text-stone-600">
        Atelier runs against a sandbox payment processor: no real card is charged. Choose how the test payment
        should go.
      </p>
      <div className="mt-3 space-y-2">
        {TEST_CARDS.map((card) => (
          <label
            key={card.token}
            className="flex cursor-pointer items-center gap-3 rounded-xl border border-stone-200 px-4 py-3 hover:border-stone-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="testCard"
              value={card.token}
              checked={token === card.token}
              onChange={() => onChange(card.token)}
              className="size-4 accent-brand-700"
            />
            <span className="min-w-0 flex-1">
              <span className="block text-stone-900">{card.label}</span>
              <span className="block text-sm text-stone-600">{card.outcome}</span>
            </span>
            <code className="hidden rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700 sm:inline">
              {card.token}
            </code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
