import type { Transporter } from "nodemailer";
import { lazyImport } from "../../platform/lazy";

/** Sends one plain-text e-mail; rejects when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** An SMTP mailer for `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…:465`). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  // nodemailer is imported with the first e-mail to send, not at start.
  let transport: Transporter | undefined;
  const connect = lazyImport(async () => {
    const { default: nodemailer } = await import("nodemailer");
    transport = nodemailer.createTransport(
      {
        url: smtpUrl,
        // A dead server must not hold the outbox drain (and the e-mails it claimed) for long.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      },
      { from },
    );
    return transport;
  });
  return {
    async send(mail) {
      // Text only: nothing a user wrote is ever rendered as HTML in an e-mail client.
      await (await connect()).sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport?.close(),
  };
}
