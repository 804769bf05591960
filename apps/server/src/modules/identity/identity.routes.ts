import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  LoginBodySchema,
  MeSchema,
  PublicProfileSchema,
  SellerProfileBodySchema,
  SignupBodySchema,
  TokenSummarySchema,
  UserEnvelopeSchema,
} from "@atelier/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { NoContent } from "../../platform/schemas";
import { unauthenticated } from "../../platform/errors";
import { clearSessionCookies, requireUser, SESSION_COOKIE, setSessionCookies } from "./identity.auth";
import { toMe } from "./identity.models";
import { securityRoutes } from "./identity.security.routes";
import * as identity from "./identity.usecases";

export const meta = (request: FastifyRequest) => ({
  ip: request.ip,
  ...(request.headers["user-agent"] ? { userAgent: request.headers["user-agent"].slice(0, 300) } : {}),
});

/** `sellerFigures`: the seller's rating and response time for the public profile (from reputation). */
export function identityRoutes(deps: AppDeps, ports: { sellerFigures: identity.SellerFiguresPort }) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["identity"];
    securityRoutes(deps, app);

    r.post(
      "/api/auth/signup",
      {
        schema: {
          operationId: "signup",
          tags,
          body: SignupBodySchema,
          response: { 201: UserEnvelopeSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = await identity.signup(deps, { body: request.body, meta: meta(request) });
        setSessionCookies(request, reply, session);
        return reply.status(201).send({ user: toMe(user) });
      },
    );

    r.post(
      "/api/auth/login",
      {
        schema: { operationId: "login", tags, body: LoginBodySchema, response: { 200: UserEnvelopeSchema } },
      },
      async (request, reply) => {
        const previousToken = request.cookies[SESSION_COOKIE];
        const { user, session } = await identity.login(deps, {
          ...request.body,
          meta: meta(request),
          ...(previousToken ? { previousToken } : {}),
        });
        setSessionCookies(request, reply, session);
        return { user: toMe(user) };
      },
    );

    r.post(
      "/api/auth/logout",
      { schema: { operationId: "logout", tags, response: { 204: NoContent } } },
      async (request, reply) => {
        const sessionId = request.auth?.sessionId;
        if (!sessionId) throw unauthenticated();
        await identity.logout(deps, { userId: request.auth!.user.id, sessionId });
        clearSessionCookies(reply);
        return reply.status(204).send(null);
      },
    );

    r.get(
      "/api/me",
      { schema: { operationId: "getMe", tags, response: { 200: MeSchema } } },
      async (request) => {
        const user = requireUser(request);
        return toMe(await identity.getMe(deps, { userId: user.id }));
      },
    );

    r.post(
      "/api/auth/tokens",
      {
        schema: {
          operationId: "createToken",
          tags,
          body: CreateTokenBodySchema,
          response: { 201: CreatedTokenSchema },
        },
      },
      async (request, reply) => {
        requireUser(request);
        return reply.status(201).send(
          await identity.createToken(deps, {
            auth: request.auth!,
            name: request.body.name,
            ...(request.body.scopes ? { scopes: request.body.scopes } : {}),
          }),
        );
      },
    );

    r.get(
      "/api/auth/tokens",
      {
        schema: {
          operationId: "listTokens",
          tags,
          response: { 200: z.object({ data: z.array(TokenSummarySchema) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return { data: await identity.listTokens(deps, { userId: user.id }) };
      },
    );

    r.delete(
      "/api/auth/tokens/:id",
      {
        schema: {
          operationId: "revokeToken",
          tags,
          params: z.strictObject({ id: z.string().max(64) }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await identity.revokeToken(deps, { userId: user.id, tokenId: request.params.id });
        return reply.status(204).send(null);
      },
    );

    r.put(
      "/api/me/seller-profile",
      {
        schema: {
          operationId: "saveSellerProfile",
          tags,
          body: SellerProfileBodySchema,
          response: { 200: z.object({ user: MeSchema, profile: SellerProfileBodySchema }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const saved = await identity.saveSellerProfile(deps, { userId: user.id, body: request.body });
        return { user: toMe(saved), profile: request.body };
      },
    );

    r.get(
      "/api/users/:username",
      {
        schema: {
          operationId: "getPublicProfile",
          tags,
          params: z.strictObject({ username: z.string().min(1).max(60) }),
          response: { 200: PublicProfileSchema },
        },
      },
      async (request) =>
        identity.getPublicProfile(deps, {
          username: request.params.username,
          sellerFigures: ports.sellerFigures,
        }),
    );
  };
}
