import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { defineJob } from "../../platform/jobs";
import { createSmtpMailer, type Mailer } from "./notifications.mailer";
import { NOTIFICATION_RULES } from "./notifications.models";
import { drainOutbox, notifyEvents, onConversationRead } from "./notifications.usecases";

/**
 * Jobs of this kind were queued per e-mail before the outbox was drained in batches (migration
 * 0016): their e-mails are pending outbox rows the drain sends, so the job itself has nothing to do.
 */
export const legacySendEmailJob = defineJob({
  kind: "notifications.send_email",
  version: 1,
  payload: z.looseObject({}),
  handler: async () => undefined,
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "notifications.send_email": typeof legacySendEmailJob;
  }
}

/**
 * Wires notifications into one set of dependencies (called once per process from app/jobs.ts):
 * an in-transaction subscriber per event type of NOTIFICATION_RULES, and the e-mail outbox drain.
 */
export function registerNotifications(deps: AppDeps): void {
  for (const type of Object.keys(NOTIFICATION_RULES) as (keyof typeof NOTIFICATION_RULES)[]) {
    deps.events.subscribe(type, (tx, events, at) => notifyEvents(deps, tx, events, at));
  }
  deps.events.subscribe("conversation.read", onConversationRead);

  const { smtpUrl, mailFrom } = deps.config.notifications;
  let mailer: Mailer | undefined;
  deps.jobs.addDrain("notifications.outbox", () => {
    if (smtpUrl) mailer ??= createSmtpMailer(smtpUrl, mailFrom);
    return drainOutbox(deps, mailer);
  });
  deps.jobs.register(legacySendEmailJob, undefined);
}
