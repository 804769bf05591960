import { ProblemSchema } from "@atelier/contracts";

/** One entry of a problem+json `errors[]` array: `path` is a dotted field path such as `packages.0.price`. */
export interface FieldIssue {
  path: string;
  message: string;
}

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  errors?: FieldIssue[] | undefined;
  retryAfterSeconds?: number | null | undefined;
}

/** An error response from the API (RFC 9457 problem details), or a network/parse failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldIssue[];
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The first message for each top-level field (`skills.0` → `skills`). */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const issue of this.errors) {
      const field = issue.path.split(".")[0] ?? "";
      if (field && !(field in result)) result[field] = issue.message;
    }
    return result;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** Anything with a zod-like `parse`: the contract schemas fit, and so do small hand-written guards. */
export interface Parser<T> {
  parse(data: unknown): T;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
}

const UNSAFE_METHODS: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const CSRF_COOKIE = "atelier_csrf";

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

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  const problem = ProblemSchema.safeParse(await readJson(response));
  if (problem.success) {
    return new ApiError({
      status: response.status,
      code: problem.data.code,
      title: problem.data.title,
      detail: problem.data.detail,
      errors: problem.data.errors,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? "server_error" : `http_${response.status}`,
    title: response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds,
  });
}

/**
 * Calls the Atelier API with the session cookie. Sends the CSRF token on unsafe methods, JSON-encodes
 * the body, and returns the decoded JSON response (undefined for 204). Throws {@link ApiError}.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<unknown> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (UNSAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers["X-CSRF-Token"] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
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
  if (response.status === 204) return undefined;
  return readJson(response);
}

function parseWith<T>(parser: Parser<T>, data: unknown): T {
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

export const api = {
  async get<T>(path: string, parser: Parser<T>, signal?: AbortSignal): Promise<T> {
    return parseWith(parser, await apiFetch(path, { signal }));
  },
  async post<T>(path: string, body: unknown, parser: Parser<T>): Promise<T> {
    return parseWith(parser, await apiFetch(path, { method: "POST", body }));
  },
  async put<T>(path: string, body: unknown, parser: Parser<T>): Promise<T> {
    return parseWith(parser, await apiFetch(path, { method: "PUT", body }));
  },
  async patch<T>(path: string, body: unknown, parser: Parser<T>): Promise<T> {
    return parseWith(parser, await apiFetch(path, { method: "PATCH", body }));
  },
  /** For endpoints whose response body the caller does not need (204s and the like). */
  async send(method: Method, path: string, body?: unknown): Promise<void> {
    await apiFetch(path, { method, body });
  },
};

/** Accepts any response body; for endpoints whose answer is not read. */
export const anything: Parser<unknown> = { parse: (data) => data };

/** A human sentence for an error, never raw JSON or a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.detail ?? "Something went wrong. Please try again.";
    if (error.status === 404) return "We couldn't find what you were looking for.";
    if (error.status === 429) return "Too many requests right now. Please wait a moment and try again.";
    if (error.status >= 500) return "Something went wrong on our side. Please try again in a moment.";
    return error.detail ?? error.title;
  }
  return "Something went wrong. Please try again.";
}
