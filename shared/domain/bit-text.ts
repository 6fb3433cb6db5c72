/**
 * Random bytes written as text over a power-of-two alphabet, each symbol a whole number of bits (no modulo bias):
 * recovery codes and temporary access codes (32 symbols, 5 bits each) and webhook secrets (base64url, 6 bits each).
 */

/**
 * `bytes` as symbols of `alphabet` (2, 4 … 64 symbols), most significant bits first; bits left over at the end
 * fill one last symbol, padded with zeros (as unpadded base32 and base64url do).
 */
export function bytesToSymbols(bytes: Uint8Array, alphabet: string): string {
  const width = Math.log2(alphabet.length);
  if (!Number.isInteger(width) || width < 1 || width > 6) throw new RangeError('The alphabet must have 2, 4, 8, 16, 32 or 64 symbols.');
  const mask = alphabet.length - 1;
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= width) {
      bits -= width;
      text += alphabet[(buffer >> bits) & mask];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) text += alphabet[(buffer << (width - bits)) & mask];
  return text;
}
