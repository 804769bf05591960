import createClient from "openapi-fetch";
import { ApiError, toApiError } from "./errors";
import type { paths } from "./schema";

export const CSRF_COOKIE = "atelier_csrf";
const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

type Fetch = (request: Request) => Promise<Response>;

interface TransportOptions {
  /** The real fetch; tests pass their own. */
  fetch?: Fetch;
  /** The CSRF token to send on unsafe methods; read from the cookie by default. */
  csrfToken?: () => string | null;
}

/**
 * What every API call goes through: asks for JSON or problem+json, sends the CSRF token on unsafe
 * methods, and turns a failure into an {@link ApiError} — a problem+json answer keeps its code and
 * field errors, a network failure is status 0. So a call either resolves with an ok response or throws.
 */
export function createTransport(options: TransportOptions = {}): Fetch {
  const csrfToken = options.csrfToken ?? (() => readCookie(CSRF_COOKIE));
  return async (request) => {
    if (!request.headers.has("Accept"))
      request.headers.set("Accept", "application/json, application/problem+json");
    if (UNSAFE_METHODS.has(request.method)) {
      const csrf = csrfToken();
      if (csrf) request.headers.set("X-CSRF-Token", csrf);
    }
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(request);
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError({
        status: 0,
        code: "network_error",
        title: "Network error",
        detail: "We couldn't reach Atelier. Check your connection and try again.",
      });
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  };
}

/** A client typed by the OpenAPI document: paths, parameters and bodies are checked at compile time. */
export function createApiClient(options: TransportOptions & { baseUrl?: string } = {}) {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    credentials: "same-origin",
    fetch: createTransport(options),
  });
}

/** The app's API client (`api.GET("/api/gigs/{id}", { params: { path: { id } } })`). */
export const api = createApiClient();

/** Anything with a zod-like `parse`: the contract schemas fit, and so do small hand-written guards. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** Accepts any response body; for endpoints whose answer is not read. */
export const anything: Parser<unknown> = { parse: (data) => data };

/**
 * Awaits a call and checks its answer against the contract's schema, so a page works with the
 * validated type; an answer that does not fit is an `invalid_response` {@link ApiError}.
 */
export async function read<T>(parser: Parser<T>, call: Promise<{ data?: unknown }>): Promise<T> {
  const { data } = await call;
  try {
    return parser.parse(data);
  } catch (error) {
    if (import.meta.env.DEV) console.error("Unexpected API response", data, error);
    throw new ApiError({
      status: 0,
      code: "invalid_response",
      title: "Unexpected response",
      detail: "The server sent something we didn't expect. Please try again in a moment.",
    });
  }
}

type JsonBody<Operation> = Operation extends { requestBody?: { content: { "application/json": infer B } } }
  ? B
  : never;

/** The JSON body an operation takes, as the OpenAPI document says (`RequestBody<"/api/orders", "post">`). */
export type RequestBody<P extends keyof paths, M extends "post" | "put" | "patch"> = JsonBody<
  NonNullable<paths[P][M]>
>;
