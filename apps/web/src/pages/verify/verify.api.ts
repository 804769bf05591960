import { VerificationSchema, type VerificationDto } from "@atelier/contracts";
import { api, ApiError, CSRF_COOKIE, read, readCookie } from "../../lib/api";

export type Verification = VerificationDto;

/** The SHA-256 of a file, computed in the browser (the file does not leave it). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function verifyHash(sha256: string): Promise<Verification> {
  return read(VerificationSchema, api.GET("/api/verify/{sha256}", { params: { path: { sha256 } } }));
}

/** `POST /api/verify`: the server reads an embedded manifest to say why a file does not verify. */
export async function verifyUpload(file: File): Promise<Verification> {
  const form = new FormData();
  form.append("file", file);
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers["X-CSRF-Token"] = csrf;
  let response: Response;
  try {
    response = await fetch("/api/verify", {
      method: "POST",
      body: form,
      headers,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "network_error",
      title: "Network error",
      detail: "We couldn't reach Atelier. Check your connection and try again.",
    });
  }
  if (!response.ok) {
    throw new ApiError({
      status: response.status,
      code: `http_${response.status}`,
      title: response.status === 413 ? "File too large" : "Verification failed",
      detail:
        response.status === 413
          ? "This file is larger than Atelier accepts; check it by its SHA-256 instead."
          : "We couldn't check this file. Please try again.",
    });
  }
  return VerificationSchema.parse(await response.json());
}

/** Checks a file: by its hash first (nothing is uploaded), then by upload to explain a mismatch. */
export async function verifyFile(file: File): Promise<{ sha256: string; result: Verification }> {
  const sha256 = await sha256Hex(file);
  const byHash = await verifyHash(sha256);
  if (byHash.verified) return { sha256, result: byHash };
  return { sha256, result: await verifyUpload(file) };
}
