// The files module's facade for other modules: link uploaded files to a subject, read their URLs, and
// register who else may read a linked file (see files.links.ts).
export {
  fileUrl,
  IMAGE_TYPES,
  findOwnedFiles,
  linkFiles,
  unlinkFiles,
  registerFileAccessRule,
  type FileAccessRule,
  type FileViewer,
} from "./files.links";
