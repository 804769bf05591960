import type { AppDeps } from "../../app/deps";
import { createSmtpMailer, type Mailer } from "./notifications.mailer";
import { NOTIFICATION_RULES } from "./notifications.models";
import {
  drainOutbox,
  LEGACY_SEND_EMAIL_JOB,
  notifyEvents,
  onConversationRead,
} from "./notifications.usecases";

/**
 * Wires notifications into one set of dependencies (called once per process from app/jobs.ts):
 * an in-transaction subscriber per event type of NOTIFICATION_RULES, and the e-mail outbox drain.
 */
export function registerNotifications(deps: AppDeps): void {
  for (const type of Object.keys(NOTIFICATION_RULES)) {
    deps.events.subscribe(type, (tx, events, at) => notifyEvents(deps, tx, events, at));
  }
  deps.events.subscribe("conversation.read", onConversationRead);

  const { smtpUrl, mailFrom } = deps.config.notifications;
  let mailer: Mailer | undefined;
  deps.jobs.addDrain("notifications.outbox", () => {
    if (smtpUrl) mailer ??= createSmtpMailer(smtpUrl, mailFrom);
    return drainOutbox(deps, mailer);
  });
  // Queued before the outbox was drained in batches: their e-mails are pending rows the drain sends.
  deps.jobs.register(LEGACY_SEND_EMAIL_JOB, async () => undefined);
}
