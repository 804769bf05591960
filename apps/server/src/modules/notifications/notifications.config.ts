/** Notification delivery; every value can be overridden from the environment. */
export interface NotificationsConfig {
  /** `smtp://user:pass@host:port` (or `smtps://…`); without it e-mails are only kept in the outbox table. */
  smtpUrl: string | undefined;
  /** The From header of every e-mail. */
  mailFrom: string;
  /** The web app's address, for links in e-mails. */
  publicUrl: string;
  /** Failed SMTP deliveries are retried this many times (with growing delays), then marked failed. */
  emailMaxAttempts: number;
  /**
   * Serve the development mailbox (`GET /api/dev/mailbox`, to admins only): in test mode, or when
   * `ATELIER_DEV_MAILBOX=1` opts in; never in production. It shows every e-mail the server wrote.
   */
  devMailbox: boolean;
}

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
}

export function notificationsConfig(
  env: NodeJS.ProcessEnv,
  production: boolean,
  testMode: boolean,
): NotificationsConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  const optIn = env.ATELIER_DEV_MAILBOX === "1" || env.ATELIER_DEV_MAILBOX?.toLowerCase() === "true";
  if (optIn && production) {
    throw new Error(
      "ATELIER_DEV_MAILBOX=1 is refused when NODE_ENV=production: the mailbox shows every user's e-mail.",
    );
  }
  return {
    smtpUrl,
    mailFrom: env.ATELIER_MAIL_FROM ?? "Atelier <no-reply@atelier.localhost>",
    publicUrl: (env.ATELIER_PUBLIC_URL ?? `http://localhost:${env.PORT ?? "3000"}`).replace(/\/+$/, ""),
    emailMaxAttempts: positiveInt(env.ATELIER_EMAIL_MAX_ATTEMPTS, 8),
    // Off by default, `npm start` included: it holds every user's e-mail (password resets among them).
    devMailbox: !production && (testMode || optIn),
  };
}
