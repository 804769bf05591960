/**
 * A module imported on its first use, once: for heavy packages that most requests never need
 * (image processing, content credentials, S3, SMTP, the password-strength dictionaries). Importing
 * them at start made a built server take seconds longer to become ready (docs/operations.md,
 * "Start time"). A failed import is retried on the next use.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
