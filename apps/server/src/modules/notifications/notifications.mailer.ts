import nodemailer from "nodemailer";

/** Sends one plain-text e-mail; rejects when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** An SMTP mailer for `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…:465`). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(
    {
      url: smtpUrl,
      // A dead server must not hold the outbox drain (and the e-mails it claimed) for long.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    },
    { from },
  );
  return {
    async send(mail) {
      // Text only: nothing a user wrote is ever rendered as HTML in an e-mail client.
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
