/**
 * Sends mail through an SMTP server with nodemailer (R-DIR-5). Failures become MailSendErrors that name the server
 * and the reason in plain words, never the password; a refusal (5xx) is permanent, anything else is retried.
 */
import nodemailer from 'nodemailer';
import { MailSendError, type MailTransport, type OutgoingMail } from './mail-transport';
import type { SmtpSettings } from './smtp-url';

/** What nodemailer puts on its errors. */
interface SmtpErrorFields {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Turns a nodemailer error into plain words about `server`; `secret` is cut out of anything quoted. */
export function describeSmtpError(error: unknown, server: string, secret: string | null): MailSendError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorFields;
  const scrub = (text: string) => (secret ? text.split(secret).join('•••') : text).replace(/\s+/g, ' ').trim().slice(0, 300);
  const reply = fields.response ? scrub(fields.response) : null;
  const code = fields.code ?? '';
  const message = scrub(fields.message ?? String(error));
  if (code === 'EAUTH') {
    return new MailSendError(`The mail server ${server} refused the user name or password${reply ? ` (${reply})` : ''}. Check the SMTP login in the settings.`, true);
  }
  if (typeof fields.responseCode === 'number') {
    const permanent = fields.responseCode >= 500;
    return new MailSendError(`The mail server ${server} refused the message${reply ? `: ${reply}` : ` with code ${fields.responseCode}`}.`, permanent);
  }
  if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(message)) {
    return new MailSendError(`The mail server ${server} could not be found (its name does not resolve). Check the host name.`, false);
  }
  if (/ECONNREFUSED/.test(message)) return new MailSendError(`The mail server ${server} refused the connection (nothing listens there).`, false);
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return new MailSendError(`The mail server ${server} did not answer in time.`, false);
  if (code === 'ETLS' || /certificate|TLS|SSL/i.test(message)) {
    return new MailSendError(`The secure connection to the mail server ${server} failed (${message}).`, false);
  }
  return new MailSendError(`Sending through the mail server ${server} failed (${message}).`, false);
}

/** An SMTP server reached with nodemailer. */
export class SmtpTransport implements MailTransport {
  readonly description: string;
  readonly from: string;
  readonly #server: string;
  readonly #password: string | null;
  readonly #mailer: ReturnType<typeof nodemailer.createTransport>;

  constructor(settings: SmtpSettings, password: string | null, options: { timeoutMs?: number } = {}) {
    this.#server = `${settings.host}:${settings.port}`;
    this.#password = password;
    this.from = settings.from;
    this.description = `${this.#server}${settings.user ? ` as ${settings.user}` : ''} (${settings.secure ? 'TLS' : 'STARTTLS when offered'})`;
    const timeout = options.timeoutMs ?? 15_000;
    this.#mailer = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user !== null ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.#mailer.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      throw describeSmtpError(error, this.#server, this.#password);
    }
  }

  close(): void {
    this.#mailer.close();
  }
}
