import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import {
  AppError,
  isAppError,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
  type FieldError,
} from "../platform/errors";
import { problemBody } from "../platform/idempotency";

function validationErrors(error: unknown): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const out: FieldError[] = [];
  for (const v of error.validation) {
    const base = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const keys = v.keyword === "unrecognized_keys" ? v.params.keys : undefined;
    if (Array.isArray(keys)) {
      for (const key of keys) {
        out.push({ path: base ? `${base}.${String(key)}` : String(key), message: "unknown field" });
      }
    } else {
      out.push({ path: base, message: v.message ?? "is not valid" });
    }
  }
  return out;
}

function fromFastifyError(error: FastifyError): AppError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const detail = `The request ${where === "querystring" ? "query" : where} is not valid.`;
    return new AppError(400, "validation_failed", "Validation failed", detail, validationErrors(error));
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return payloadTooLarge();
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return unsupportedMediaType("Send JSON with Content-Type: application/json.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError(400, "malformed_json", "Malformed JSON", "The request body is empty.");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError(400, "bad_request", "Bad request", "The Content-Length header is wrong.");
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new AppError(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.");
  }
  if (error.statusCode === 404) return notFound();
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(
      error.statusCode,
      "bad_request",
      "Bad request",
      "The request could not be processed.",
    );
  }
  return new AppError(500, "internal_error", "Internal error", "Something went wrong on our side.");
}

/** Every error leaves the server as problem+json with a stable code; internals stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = isAppError(error) ? error : fromFastifyError(error);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: problem.code }, "request refused");
    if (problem.headers) void reply.headers(problem.headers);
    void reply
      .status(problem.status)
      .type("application/problem+json; charset=utf-8")
      .send(problemBody(problem));
  });
}
