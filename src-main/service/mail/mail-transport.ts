/**
 * How email leaves the service (R-DIR-5). Implementations are named by mechanism (`SmtpTransport`); the demo
 * outbox is not a transport but a copy the mail queue keeps for the simulator.
 */

/** One message, ready to send: plain-text and HTML parts of the same words. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends mail; throws MailSendError whose message names the server and the reason, never a password. */
export interface MailTransport {
  /** Where mail goes, for admins: "smtp.example.com:587 as mailer@example.com". */
  readonly description: string;
  /** The sender address every message carries. */
  readonly from: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A failed send. `permanent`: trying again will not help (the server refused the message or the login). */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Domains that can never receive mail (RFC 2606 and RFC 6761): the demo company lives on one, so its mail stays in
 * the demo outbox instead of bouncing off a real server.
 */
export function isReservedMailDomain(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return /(^|\.)(example|invalid|test|localhost)$/.test(domain) || /^example\.(com|net|org)$/.test(domain);
}
