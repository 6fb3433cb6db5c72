/** How text messages leave the service (R-SMS-1). Implementations are named by mechanism (`StoreSmsOutbox`, `WebhookSmsSender`). */

/** One text message with its one-time code. `code` is given separately so a demo outbox can show it. */
export interface SmsMessage {
  readonly companyId: string;
  readonly userId: string;
  readonly userEmail: string;
  /** E.164 number. */
  readonly to: string;
  readonly body: string;
  readonly code: string;
  /** Company time of sending and of expiry (epoch ms). */
  readonly sentAt: number;
  readonly expiresAt: number;
}

/** Sends text messages. Must never log the code or the body. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** The words of a code message: the company, the code and how long it works. */
export function smsCodeBody(companyName: string, code: string, lifetimeMinutes: number): string {
  const minutes = lifetimeMinutes === 1 ? '1 minute' : `${lifetimeMinutes} minutes`;
  return `${code} is your ${companyName} verification code. It works for ${minutes}. Never share it with anyone.`;
}
