/**
 * Where text messages go on a service with no SMS gateway (`--sms-webhook`) and no demo outbox: nowhere. The start-up
 * log says so once, and each message that is not delivered is logged, never with its number, text or code.
 */
import type { SmsMessage, SmsSender } from './sms-sender';

/** An SmsSender that delivers nothing and says so. */
export class UndeliveredSmsSender implements SmsSender {
  constructor(private readonly warn: (message: string) => void) {}

  async send(_message: SmsMessage): Promise<void> {
    this.warn('A text message was not delivered: this service has no SMS gateway (--sms-webhook).');
  }
}
