import {
  AcceptedSchema,
  ChangePasswordBodySchema,
  DeleteAccountBodySchema,
  OkSchema,
  PasskeyLoginBodySchema,
  PasskeyOptionsSchema,
  PasskeyRegisterBodySchema,
  PasskeySummarySchema,
  PasswordResetBodySchema,
  PasswordResetConfirmBodySchema,
  RecoveryCodesSchema,
  SessionSummarySchema,
  TokenBodySchema,
  TwoFactorCodeBodySchema,
  TwoFactorSetupSchema,
  UserEnvelopeSchema,
} from "@atelier/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { NoContent } from "../../platform/schemas";
import {
  clearSessionCookies,
  requireSessionUser,
  requireUser,
  SESSION_COOKIE,
  setSessionCookies,
} from "./identity.auth";
import { toMe } from "./identity.models";
import * as passkeys from "./identity.passkeys";
import * as security from "./identity.security";

const meta = (request: FastifyRequest) => ({
  ip: request.ip,
  ...(request.headers["user-agent"] ? { userAgent: request.headers["user-agent"].slice(0, 300) } : {}),
});

const rpOf = (deps: AppDeps, request: FastifyRequest) =>
  passkeys.relyingParty(deps, { protocol: request.protocol, host: request.host, hostname: request.hostname });

/** API.md section 10: verification, reset, password change, two-factor, sessions, export, deletion, passkeys. */
export function securityRoutes(deps: AppDeps, app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["identity"];
  const ok = { status: "ok" as const };

  r.post(
    "/api/auth/verify-email",
    { schema: { operationId: "verifyEmail", tags, body: TokenBodySchema, response: { 200: OkSchema } } },
    async (request) => {
      await security.verifyEmail(deps, request.body);
      return ok;
    },
  );

  r.post(
    "/api/me/verify-email/resend",
    { schema: { operationId: "resendVerificationEmail", tags, response: { 202: AcceptedSchema } } },
    async (request, reply) => {
      const user = requireUser(request);
      await security.resendVerification(deps, { userId: user.id });
      return reply.status(202).send({ status: "accepted", detail: "A new confirmation link is on its way." });
    },
  );

  r.post(
    "/api/auth/password-reset",
    {
      schema: {
        operationId: "requestPasswordReset",
        tags,
        description: "Always 202 with the same body, whether the e-mail is known or not.",
        body: PasswordResetBodySchema,
        response: { 202: AcceptedSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await security.requestPasswordReset(deps, request.body)),
  );

  r.post(
    "/api/auth/password-reset/confirm",
    {
      schema: {
        operationId: "confirmPasswordReset",
        tags,
        body: PasswordResetConfirmBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await security.confirmPasswordReset(deps, request.body);
      return ok;
    },
  );

  r.put(
    "/api/me/password",
    {
      schema: {
        operationId: "changePassword",
        tags,
        body: ChangePasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      const user = requireSessionUser(request);
      await security.changePassword(deps, {
        userId: user.id,
        sessionId: request.auth?.sessionId,
        ...request.body,
      });
      return ok;
    },
  );

  r.post(
    "/api/me/two-factor",
    { schema: { operationId: "beginTwoFactor", tags, response: { 201: TwoFactorSetupSchema } } },
    async (request, reply) => {
      const user = requireSessionUser(request);
      return reply.status(201).send(await security.beginTwoFactor(deps, { userId: user.id }));
    },
  );

  r.post(
    "/api/me/two-factor/confirm",
    {
      schema: {
        operationId: "confirmTwoFactor",
        tags,
        body: TwoFactorCodeBodySchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request) => {
      const user = requireSessionUser(request);
      return security.confirmTwoFactor(deps, { userId: user.id, code: request.body.code });
    },
  );

  r.delete(
    "/api/me/two-factor",
    {
      schema: {
        operationId: "disableTwoFactor",
        tags,
        body: TwoFactorCodeBodySchema,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      await security.disableTwoFactor(deps, { userId: user.id, code: request.body.code });
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/me/sessions",
    {
      schema: {
        operationId: "listSessions",
        tags,
        response: { 200: z.object({ data: z.array(SessionSummarySchema) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const currentId = request.auth?.sessionId;
      return {
        data: await security.listSessions(deps, { userId: user.id, ...(currentId ? { currentId } : {}) }),
      };
    },
  );

  r.delete(
    "/api/me/sessions/:id",
    {
      schema: {
        operationId: "revokeSession",
        tags,
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      await security.revokeSession(deps, { userId: user.id, sessionId: request.params.id });
      if (request.params.id === request.auth?.sessionId) clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/me/export",
    {
      schema: {
        operationId: "exportAccount",
        tags,
        description: "Everything stored about the caller as one JSON document.",
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const data = await security.exportAccount(deps, { userId: user.id });
      void reply.header("Content-Disposition", `attachment; filename="atelier-${user.username}.json"`);
      return data;
    },
  );

  r.delete(
    "/api/me",
    {
      schema: {
        operationId: "deleteAccount",
        tags,
        body: DeleteAccountBodySchema,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      await security.deleteAccount(deps, { userId: user.id, password: request.body.password });
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  // ---- passkeys ----

  r.post(
    "/api/me/passkeys/options",
    { schema: { operationId: "passkeyRegistrationOptions", tags, response: { 200: PasskeyOptionsSchema } } },
    async (request) => {
      const user = requireSessionUser(request);
      return passkeys.passkeyRegistrationOptions(deps, { userId: user.id, rp: rpOf(deps, request) });
    },
  );

  r.post(
    "/api/me/passkeys",
    {
      schema: {
        operationId: "registerPasskey",
        tags,
        body: PasskeyRegisterBodySchema,
        response: { 201: PasskeySummarySchema },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      const created = await passkeys.registerPasskey(deps, {
        userId: user.id,
        rp: rpOf(deps, request),
        challengeId: request.body.challengeId,
        response: request.body.response,
        ...(request.body.name ? { name: request.body.name } : {}),
      });
      return reply.status(201).send(created);
    },
  );

  r.get(
    "/api/me/passkeys",
    {
      schema: {
        operationId: "listPasskeys",
        tags,
        response: { 200: z.object({ data: z.array(PasskeySummarySchema) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { data: await passkeys.listPasskeys(deps, { userId: user.id }) };
    },
  );

  r.delete(
    "/api/me/passkeys/:id",
    {
      schema: {
        operationId: "deletePasskey",
        tags,
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const user = requireSessionUser(request);
      await passkeys.deletePasskey(deps, { userId: user.id, id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/auth/passkeys/options",
    { schema: { operationId: "passkeyLoginOptions", tags, response: { 200: PasskeyOptionsSchema } } },
    async (request) => passkeys.passkeyLoginOptions(deps, { rp: rpOf(deps, request) }),
  );

  r.post(
    "/api/auth/passkeys/login",
    {
      schema: {
        operationId: "loginWithPasskey",
        tags,
        body: PasskeyLoginBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const previousToken = request.cookies[SESSION_COOKIE];
      const { user, session } = await passkeys.loginWithPasskey(deps, {
        rp: rpOf(deps, request),
        challengeId: request.body.challengeId,
        response: request.body.response,
        meta: meta(request),
        ...(previousToken ? { previousToken } : {}),
      });
      setSessionCookies(request, reply, session);
      return { user: toMe(user) };
    },
  );
}
