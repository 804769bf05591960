import type { FastifyBaseLogger } from "fastify";
import pino from "pino";

/** Structured JSON logs (pino); Fastify adds the request id to each request's child logger. */
export type Logger = FastifyBaseLogger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "password", "*.password", "token"],
      censor: "[redacted]",
    },
  });
}
