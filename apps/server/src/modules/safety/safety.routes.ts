import { pageOf } from "@atelier/contracts";
import {
  AppealListQuerySchema,
  AppealSchema,
  AuditLogPageSchema,
  AuditLogQuerySchema,
  CloseReportBodySchema,
  CreateAppealBodySchema,
  CreatedAppealSchema,
  CreatedReportSchema,
  CreateReportBodySchema,
  DecideAppealBodySchema,
  MarketplaceSettingsSchema,
  ReportListQuerySchema,
  ReportSchema,
  ResolveReportBodySchema,
} from "@atelier/contracts/safety";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireAdmin, requireUser } from "../identity/identity.public";
import * as appeals from "./safety.appeals";
import * as settings from "./safety.settings";
import * as reports from "./safety.usecases";

const IdParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Trust and safety (API.md section 11): reports, their resolution, appeals and the audit log. */
export function safetyRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const admin = ["admin"];

    r.post(
      "/api/reports",
      {
        schema: {
          operationId: "createReport",
          tags: ["safety"],
          description: "Report a gig, user, message or review you can see, with a reason.",
          body: CreateReportBodySchema,
          response: { 201: CreatedReportSchema },
        },
      },
      async (request, reply) => {
        const report = await reports.createReport(deps, {
          reporter: requireUser(request),
          body: request.body,
        });
        return reply.status(201).send(report);
      },
    );

    r.get(
      "/api/admin/reports",
      {
        schema: {
          operationId: "listReports",
          tags: admin,
          description:
            "The report queue, newest first: people's reports (with a snapshot of the subject) and the platform's off-platform ones (with the flagged messages).",
          querystring: ReportListQuerySchema,
          response: { 200: pageOf(ReportSchema) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return reports.listReports(deps, request.query);
      },
    );

    r.post(
      "/api/admin/reports/:id/resolve",
      {
        schema: {
          operationId: "resolveReport",
          tags: admin,
          params: IdParams,
          body: ResolveReportBodySchema,
          response: { 200: ReportSchema },
        },
      },
      async (request) =>
        reports.resolveReport(deps, {
          admin: requireAdmin(request),
          reportId: request.params.id,
          body: request.body,
        }),
    );

    r.post(
      "/api/admin/reports/:id/close",
      {
        schema: {
          operationId: "closeReport",
          tags: admin,
          description: "Closes a report with a note and no action (prefer `resolve`, which cites a rule).",
          params: IdParams,
          body: CloseReportBodySchema,
          response: { 200: ReportSchema },
        },
      },
      async (request) =>
        reports.closeReport(deps, {
          admin: requireAdmin(request),
          reportId: request.params.id,
          resolution: request.body.resolution,
        }),
    );

    r.post(
      "/api/appeals",
      {
        schema: {
          operationId: "createAppeal",
          tags: ["safety"],
          description:
            "A suspended user appeals (once per suspension), proving who they are with their password.",
          body: CreateAppealBodySchema,
          response: { 201: CreatedAppealSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await appeals.createAppeal(deps, { body: request.body })),
    );

    r.get(
      "/api/admin/appeals",
      {
        schema: {
          operationId: "listAppeals",
          tags: admin,
          querystring: AppealListQuerySchema,
          response: { 200: pageOf(AppealSchema) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return appeals.listAppeals(deps, request.query);
      },
    );

    r.post(
      "/api/admin/appeals/:id/decide",
      {
        schema: {
          operationId: "decideAppeal",
          tags: admin,
          description: "Decide an appeal; the admin who suspended the account cannot.",
          params: IdParams,
          body: DecideAppealBodySchema,
          response: { 200: AppealSchema },
        },
      },
      async (request) =>
        appeals.decideAppeal(deps, {
          admin: requireAdmin(request),
          appealId: request.params.id,
          body: request.body,
        }),
    );

    r.get(
      "/api/admin/audit-log",
      {
        schema: {
          operationId: "listAuditLog",
          tags: admin,
          description: "Every admin action, newest first.",
          querystring: AuditLogQuerySchema,
          response: { 200: AuditLogPageSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        return appeals.listAuditLog(deps, request.query);
      },
    );

    r.get(
      "/api/admin/settings",
      {
        schema: {
          operationId: "getMarketplaceSettings",
          tags: admin,
          response: { 200: MarketplaceSettingsSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        return settings.getSettings(deps);
      },
    );

    r.put(
      "/api/admin/settings",
      {
        schema: {
          operationId: "putMarketplaceSettings",
          tags: admin,
          description:
            "Fees, clearing periods and the prohibited-services list; applies to orders placed afterwards and is written to the audit log.",
          body: MarketplaceSettingsSchema,
          response: { 200: MarketplaceSettingsSchema },
        },
      },
      async (request) => settings.putSettings(deps, { admin: requireAdmin(request), body: request.body }),
    );
  };
}
