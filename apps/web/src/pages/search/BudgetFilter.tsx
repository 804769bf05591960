import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { marketplaceCurrencyQueryOptions } from "../../lib/catalog";
import { parseMoneyInput, toMoneyInput } from "../../lib/moneyInput";
import type { CatalogSearchParams } from "../../routes/catalog.routes";

export function BudgetFilter({ search }: { search: CatalogSearchParams }) {
  const navigate = useNavigate({ from: "/search" });
  const currency = useQuery(marketplaceCurrencyQueryOptions).data ?? "USD";
  const minId = useId();
  const maxId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: string) => {
      const value = form.get(name);
      const textValue = typeof value === "string" ? value.trim() : "";
      return textValue === "" ? undefined : parseMoneyInput(textValue, currency);
    };
    const min = read("min");
    const max = read("max");
    if (min === null || max === null) {
      setError("Enter amounts such as 50 or 120.");
      return;
    }
    if (min !== undefined && max !== undefined && min > max) {
      setError("The minimum must not be above the maximum.");
      return;
    }
    setError(null);
    void navigate({ search: (prev) => ({ ...prev, minPrice: min, maxPrice: max }) });
  }

  const inputClass =
    "h-10 w-full min-w-0 rounded-xl border border-stone-300 bg-white px-3 text-sm text-stone-900 hover:border-stone-400 aria-invalid:border-red-600";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 px-2.5">
      <p className="text-xs text-stone-600">
        The package price, before the service fee (cards show the price with it).
      </p>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={minId} className="text-xs text-stone-700">
            Min ({currency})
          </label>
          <input
            id={minId}
            name="min"
            inputMode="decimal"
            placeholder="Any"
            defaultValue={search.minPrice !== undefined ? toMoneyInput(search.minPrice, currency) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={maxId} className="text-xs text-stone-700">
            Max ({currency})
          </label>
          <input
            id={maxId}
            name="max"
            inputMode="decimal"
            placeholder="Any"
            defaultValue={search.maxPrice !== undefined ? toMoneyInput(search.maxPrice, currency) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        </div>
      </div>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" size="sm" className="w-full">
        Apply budget
      </Button>
    </form>
  );
}
