/** How a phone number is shown on screens and in messages. */
/** A phone number as shown on screens and in messages: only its last four digits. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `+${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
