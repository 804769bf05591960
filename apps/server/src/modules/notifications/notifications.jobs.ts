import type { AppDeps } from "../../app/deps";
import { createSmtpMailer, type Mailer } from "./notifications.mailer";
import { NOTIFICATION_RULES } from "./notifications.models";
import { deliverEmail, notifyEvent, onConversationRead, SEND_EMAIL_JOB } from "./notifications.usecases";

/**
 * Wires notifications into one set of dependencies (called once per process from app/jobs.ts):
 * an in-transaction subscriber per event type of NOTIFICATION_RULES, and the e-mail outbox job.
 */
export function registerNotifications(deps: AppDeps): void {
  for (const type of Object.keys(NOTIFICATION_RULES)) {
    deps.events.subscribe(type, (tx, event, at) => notifyEvent(deps, tx, event, at));
  }
  deps.events.subscribe("conversation.read", onConversationRead);

  const { smtpUrl, mailFrom } = deps.config.notifications;
  let mailer: Mailer | undefined;
  deps.jobs.register(SEND_EMAIL_JOB, async ({ tx, at, payload }) => {
    const emailId = payload.emailId;
    if (typeof emailId !== "string") return;
    if (smtpUrl) mailer ??= createSmtpMailer(smtpUrl, mailFrom);
    await deliverEmail(deps, tx, { emailId, at, mailer });
  });
}
