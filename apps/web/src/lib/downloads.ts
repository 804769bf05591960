import { createTransport } from "./api/client";

const transport = createTransport();

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, if any. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? null;
}

/**
 * Fetches a document the server makes on request (an order's invoice or evidence pack) and hands it
 * to the browser as a download. Fetched rather than linked, so the page can show that it is being
 * prepared and say why when it fails (an {@link ApiError} is thrown, as for every API call).
 */
export async function downloadDocument(path: string, fallbackName: string): Promise<void> {
  const response = await transport(
    new Request(path, { headers: { Accept: "application/pdf, application/problem+json" } }),
  );
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response.headers.get("Content-Disposition")) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
