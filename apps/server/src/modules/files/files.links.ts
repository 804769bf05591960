/**
 * What other modules use to attach uploads to their records (a gig's gallery, a delivery, a
 * message) and to say who may read them. A module links files to a subject (`{ type: "gig", id }`)
 * and registers one access rule per subject type (in the app's `deps.fileAccess`); a file is readable by its uploader, by admins,
 * and by whoever a rule admits for any subject the file is linked to.
 */
import type { Queryable } from "../../db/client";
import type {
  FileAccessRule,
  FileAccessRules,
  FilePreview,
  FilePreviewRule,
  FileViewer,
} from "../../platform/file-access";
import { createFilesRepository } from "./files.repository";

export { fileUrl, IMAGE_TYPES } from "./files.models";

export type { FileAccessRule, FileAccessRules, FilePreview, FilePreviewRule, FileViewer };

interface RegisteredRule {
  rule: FileAccessRule;
  /** Images the rule admits anonymous visitors to are served inline and cacheable by anyone. */
  public: boolean;
}

/**
 * A new, empty registry of access rules. The composition root makes one per app (`AppDeps.fileAccess`)
 * and each module registers its rules into it, so two apps in one process keep separate rules.
 */
export function createFileAccessRules(): FileAccessRules {
  const rules = new Map<string, RegisteredRule[]>();
  const previewRules = new Map<string, Set<FilePreviewRule>>();
  return {
    registerPreview(subjectType, rule) {
      const set = previewRules.get(subjectType) ?? new Set<FilePreviewRule>();
      set.add(rule);
      previewRules.set(subjectType, set);
    },
    async previews(q, links, viewer) {
      for (const link of links) {
        for (const rule of previewRules.get(link.subject_type) ?? []) {
          const preview = await rule(q, viewer, link.subject_id);
          if (preview) return preview;
        }
      }
      return null;
    },
    register(subjectType, rule, options = {}) {
      const list = rules.get(subjectType) ?? [];
      const entry = { rule, public: options.public ?? false };
      const existing = list.findIndex((r) => r.rule === rule);
      if (existing >= 0) list[existing] = entry;
      else list.push(entry);
      rules.set(subjectType, list);
    },
    async admits(q, links, viewer, options = {}) {
      for (const link of links) {
        for (const entry of rules.get(link.subject_type) ?? []) {
          if (options.publicOnly && !entry.public) continue;
          if (await entry.rule(q, viewer, link.subject_id)) return true;
        }
      }
      return false;
    },
  };
}

/** The files among `ids` that `ownerId` uploaded (unknown and foreign ids are left out). */
export async function findOwnedFiles(
  q: Queryable,
  ownerId: string,
  ids: readonly string[],
): Promise<
  {
    id: string;
    name: string;
    size: number;
    contentType: string;
    sha256: string;
    width: number | null;
    height: number | null;
  }[]
> {
  if (ids.length === 0) return [];
  const rows = await createFilesRepository(q).findOwnedFiles(ownerId, ids);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    size: Number(r.size),
    contentType: r.content_type,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
  }));
}

/** Attaches files to a subject; linking a file that is already linked changes nothing. */
export async function linkFiles(
  q: Queryable,
  fileIds: readonly string[],
  subject: { type: string; id: string },
  now: Date,
): Promise<void> {
  if (fileIds.length === 0) return;
  await createFilesRepository(q).linkFiles(fileIds, subject, now);
}

/** Detaches every file from a subject except `keepFileIds`. */
export async function unlinkFiles(
  q: Queryable,
  subject: { type: string; id: string },
  keepFileIds: readonly string[],
): Promise<void> {
  await createFilesRepository(q).unlinkFiles(subject, keepFileIds);
}
