// The files module's facade for other modules: link uploaded files to a subject, read their URLs, and
// say who else may read a linked file (`deps.fileAccess.register`, see files.links.ts).
export {
  fileUrl,
  IMAGE_TYPES,
  findOwnedFiles,
  linkFiles,
  unlinkFiles,
  createFileAccessRules,
  type FileAccessRule,
  type FileAccessRules,
  type FilePreview,
  type FilePreviewRule,
  type FileViewer,
} from "./files.links";
