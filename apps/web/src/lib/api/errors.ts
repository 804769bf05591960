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

/** The {@link ApiError} for a response that is not ok, from its problem+json body when it has one. */
export async function toApiError(response: Response): Promise<ApiError> {
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
