import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { codeForStatus } from "../platform/error-codes";
import {
  AppError,
  isAppError,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
  type FieldError,
} from "../platform/errors";
import { problemBody } from "../platform/idempotency";

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

/**
 * Headers of responses written before (or without) the request pipeline: a problem is JSON and is
 * never framed or sniffed into something else.
 */
const BARE_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
};

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

/** A refusal from below the routes, by status alone: its message may quote the raw request. */
function byStatus(status: number, headers?: Record<string, string>): AppError {
  const code = codeForStatus(status);
  if (code === "not_found") return notFound();
  if (code === "internal_error") {
    return new AppError(500, "internal_error", "Internal error", "Something went wrong on our side.");
  }
  return new AppError(
    status,
    code,
    STATUS_CODES[status] ?? "Bad request",
    "The request could not be processed.",
    undefined,
    headers,
  );
}

/** Fastify's and its plugins' errors, as problems with stable codes; their messages never leave. */
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
    case "FST_PARTS_LIMIT":
    case "FST_FILES_LIMIT":
    case "FST_FIELDS_LIMIT":
      return payloadTooLarge("The form has too many parts.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return unsupportedMediaType("Send JSON with Content-Type: application/json.");
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return unsupportedMediaType("Send the file as multipart/form-data.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError(400, "malformed_json", "Malformed JSON", "The request body is empty.");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError(400, "bad_request", "Bad request", "The Content-Length header is wrong.");
    case "FST_ERR_BAD_URL":
      return new AppError(400, "malformed_url", "Malformed URL", "The URL is not validly percent-encoded.");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError(414, "uri_too_long", "URI too long", "A path segment is too long.");
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new AppError(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.");
  }
  const status = error.statusCode ?? (error as { status?: number }).status;
  if (status && status >= 400 && status < 600) {
    // A range refusal says which range there is (RFC 9110 §15.5.17); no other header is copied.
    const range = (error as { headers?: Record<string, unknown> }).headers?.["Content-Range"];
    return byStatus(status, typeof range === "string" ? { "Content-Range": range } : undefined);
  }
  return byStatus(500);
}

/**
 * The multipart parser (busboy) throws plain errors for a body it cannot read; they are the sender's
 * fault, told apart from the server's own failures by their messages, and only on multipart requests.
 */
const MULTIPART_PARSE_ERRORS =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data|The needle cannot (be an empty String\/Buffer|have a length bigger than 256)\.)$/;

export function problemOf(error: unknown, request?: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  if (
    error instanceof Error &&
    !(error as FastifyError).statusCode &&
    request?.isMultipart?.() === true &&
    MULTIPART_PARSE_ERRORS.test(error.message)
  ) {
    return new AppError(
      400,
      "malformed_multipart",
      "Malformed form",
      "The multipart/form-data body cannot be read.",
    );
  }
  return fromFastifyError(error as FastifyError);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const problem = problemOf(error, request);
  if (problem.status >= 500) request.log.error({ err: error }, "request failed");
  else request.log.info({ code: problem.code }, "request refused");
  if (problem.headers) void reply.headers(problem.headers);
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(problem));
}

/**
 * Errors of the router, raised before a request has a route and so before the hooks: a URL that
 * cannot be decoded, a path parameter over the length limit.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.headers({ ...BARE_HEADERS, "X-Request-Id": request.id });
  void sendProblem(request, reply, error);
}

/**
 * Requests Node's HTTP parser refuses (malformed, headers too large, too slow) never reach Fastify:
 * the answer is written to the socket, as problem+json, and the connection closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const problem = byStatus(status);
  const body = JSON.stringify(problemBody(problem));
  if (socket.writable) {
    const headers = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(BARE_HEADERS).map(([name, value]) => `${name}: ${value}`),
      "Connection: close",
    ];
    socket.write(`${headers.join("\r\n")}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Every error leaves the server as problem+json with a stable code; internals stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, error));

  // Fastify answers requests that arrive while it closes with its own JSON; ours says the same.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_request, reply) => {
    if (!closing) return;
    void reply.header("Connection", "close");
    throw new AppError(503, "service_unavailable", "Service unavailable", "The server is shutting down.");
  });
}
