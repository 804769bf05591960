import { useRef, useState } from "react";
import { focusFirstError, type FieldErrors } from "./forms";

/**
 * A form's per-field errors: `showFieldErrors` puts them beside their fields and moves focus to the
 * first one (in the order of `fields`), `clearError` drops one as soon as the person edits that field.
 */
export function useFieldErrors(fields: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    formRef,
    fieldErrors: errors,
    showFieldErrors: (next: FieldErrors) => {
      setErrors(next);
      focusFirstError(formRef.current, fields, next);
    },
    clearError: (field: string) => {
      setErrors((current) => {
        if (!(field in current)) return current;
        const { [field]: _removed, ...rest } = current;
        return rest;
      });
    },
    resetFieldErrors: () => setErrors({}),
    /** Sends a valid body (clearing old errors), or shows why the form is not valid yet. */
    submitValid: <T>(
      result: { ok: true; data: T } | { ok: false; errors: FieldErrors },
      send: (body: T) => void,
    ) => {
      if (!result.ok) {
        setErrors(result.errors);
        focusFirstError(formRef.current, fields, result.errors);
        return;
      }
      setErrors({});
      send(result.data);
    },
  };
}
