/** Notification delivery; every value can be overridden from the environment. */
export interface NotificationsConfig {
  /** `smtp://user:pass@host:port` (or `smtps://…`); without it e-mails stay in the development mailbox. */
  smtpUrl: string | undefined;
  /** The From header of every e-mail. */
  mailFrom: string;
  /** The web app's address, for links in e-mails. */
  publicUrl: string;
  /** Failed SMTP deliveries are retried this many times (with growing delays), then marked failed. */
  emailMaxAttempts: number;
  /** Serve the development mailbox page (`GET /api/dev/mailbox`); never in production. */
  devMailbox: boolean;
}

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
}

export function notificationsConfig(env: NodeJS.ProcessEnv, production: boolean): NotificationsConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  return {
    smtpUrl,
    mailFrom: env.ATELIER_MAIL_FROM ?? "Atelier <no-reply@atelier.localhost>",
    publicUrl: (env.ATELIER_PUBLIC_URL ?? `http://localhost:${env.PORT ?? "3000"}`).replace(/\/+$/, ""),
    emailMaxAttempts: positiveInt(env.ATELIER_EMAIL_MAX_ATTEMPTS, 8),
    devMailbox: !production && smtpUrl === undefined,
  };
}
