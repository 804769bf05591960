import { type Gig } from "@atelier/contracts";
import { type QueryClient } from "@tanstack/react-query";
import { gigQueryOptions } from "../../lib/catalog";
import { rowKey, type EditorDraft, type EditorErrors } from "./gigEditorModel";

/** Forgets cached lists that show this seller's gigs, after a change. */
export function refreshGigLists(queryClient: QueryClient, gig: Gig) {
  queryClient.setQueryData(gigQueryOptions(gig.id).queryKey, gig);
  void queryClient.invalidateQueries({ queryKey: ["my-gigs"] });
  void queryClient.invalidateQueries({ queryKey: ["users", gig.seller.username, "gigs"] });
}

export interface StepProps {
  draft: EditorDraft;
  errors: EditorErrors;
  onChange: (update: (current: EditorDraft) => EditorDraft) => void;
}

type RowList = "extras" | "faq" | "requirements";

/** Edits one of the draft's lists of keyed rows (extras, FAQ, requirements): change, remove or add a row. */
export function rowsOf<L extends RowList>(onChange: StepProps["onChange"], list: L) {
  type Row = EditorDraft[L][number];
  const set = (current: EditorDraft, rows: Row[]): EditorDraft => ({ ...current, [list]: rows });
  const rows = (current: EditorDraft) => current[list] as Row[];
  return {
    update: (key: string, patch: Partial<Row>) =>
      onChange((current) =>
        set(
          current,
          rows(current).map((row) => (row.key === key ? { ...row, ...patch } : row)),
        ),
      ),
    remove: (key: string) =>
      onChange((current) =>
        set(
          current,
          rows(current).filter((row) => row.key !== key),
        ),
      ),
    add: (row: Omit<Row, "key">) =>
      onChange((current) => set(current, [...rows(current), { ...row, key: rowKey() } as Row])),
  };
}

export function counter(text: string, max: number): string {
  return `${text.trim().length.toLocaleString()} / ${max.toLocaleString()}`;
}

/** The first error under a list field (`tags.2` → its message), for fields shown as one input. */
export function firstNested(errors: EditorErrors, root: string): string | undefined {
  const key = Object.keys(errors).find((path) => path.startsWith(`${root}.`));
  return key ? errors[key] : undefined;
}
