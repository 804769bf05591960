import { type CategoryNode } from "@atelier/contracts";
import { type ChangeEvent } from "react";
import { SelectField } from "./SelectField";

export function CategorySelect({
  tree,
  loading,
  value,
  error,
  onChange,
}: {
  tree: readonly CategoryNode[] | undefined;
  loading: boolean;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <SelectField
      label="Category"
      name="categorySlug"
      value={value}
      disabled={loading}
      hint="Buyers browse by category, so pick the closest fit."
      error={error}
      onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.currentTarget.value)}
    >
      <option value="">{loading ? "Loading categories…" : "Choose a category"}</option>
      {(tree ?? []).map((top) => (
        <optgroup key={top.slug} label={top.name}>
          {top.children.map((child) => (
            <option key={child.slug} value={child.slug}>
              {child.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
