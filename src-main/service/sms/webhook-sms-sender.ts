/**
 * Hands text messages to an SMS gateway over HTTP: POST `{ "to": "+1…", "body": "…" }` as JSON. Errors name the
 * gateway's answer, never the message (it holds the code).
 */
import type { SmsMessage, SmsSender } from './sms-sender';

/** An SmsSender that POSTs each message to a gateway URL. */
export class WebhookSmsSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: message.to, body: message.body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`The SMS gateway did not answer (${(error as Error).name}). Check --sms-webhook and the network.`, { cause: error });
    }
    if (!response.ok) throw new Error(`The SMS gateway refused the message with HTTP ${response.status}.`);
  }
}
