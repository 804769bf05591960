// The editor's steps alone: the router reads them to validate `?step=` without loading the editor.

/** The gig editor's steps, in order. */
export const EDITOR_STEPS = [
  "overview",
  "pricing",
  "description",
  "requirements",
  "gallery",
  "publish",
] as const;
export type EditorStep = (typeof EDITOR_STEPS)[number];
