/**
 * The shape of the per-app registry of file access rules (`AppDeps.fileAccess`). The files module
 * implements it (`createFileAccessRules` in `modules/files/files.links.ts`) and the composition root
 * builds one per app, so two apps in one process never share rules. Types only live here because
 * the deps type sits below the modules.
 */
import type { Queryable } from "../db/client";

/** Who is asking: `userId` is null for anonymous visitors. */
export interface FileViewer {
  userId: string | null;
  isAdmin: boolean;
}

/**
 * Whether `viewer` may read files linked to the subject `subjectId`. Rules run on every read, so
 * they should be one cheap query; they must use only `q` (not a module's captured dependencies).
 */
export type FileAccessRule = (q: Queryable, viewer: FileViewer, subjectId: string) => Promise<boolean>;

/** What a watermarked preview names besides "PREVIEW" (the gig and its seller, for a delivery). */
export interface FilePreview {
  label: string;
}

/** When `viewer` gets a watermarked preview of files linked to `subjectId` (null: the bytes). */
export type FilePreviewRule = (
  q: Queryable,
  viewer: FileViewer,
  subjectId: string,
) => Promise<FilePreview | null>;

export interface FileAccessRules {
  /**
   * Declares who may read files linked to subjects of `subjectType`. Registering the same function
   * again only updates its options, so a module may register from its routes factory. With
   * `public: true`, images whose subject the rule opens to anonymous visitors (gallery images of
   * active gigs) are served inline with a public Cache-Control.
   */
  register(subjectType: string, rule: FileAccessRule, options?: { public?: boolean }): void;
  /**
   * Declares when a viewer the access rules admit gets a watermarked preview instead of the bytes
   * (protected deliveries: the buyer, until the order completes). Same registration semantics.
   */
  registerPreview(subjectType: string, rule: FilePreviewRule): void;
  /** The first preview rule that holds for `viewer` through any of `links`, or null. */
  previews(
    q: Queryable,
    links: readonly { subject_type: string; subject_id: string }[],
    viewer: FileViewer,
  ): Promise<FilePreview | null>;
  /** Whether any registered rule admits `viewer` through any of `links` (only public rules when asked). */
  admits(
    q: Queryable,
    links: readonly { subject_type: string; subject_id: string }[],
    viewer: FileViewer,
    options?: { publicOnly?: boolean },
  ): Promise<boolean>;
}
