import { describe, expect, it } from 'vitest';
import { ISO_COUNTRY_CODES, countryCodeSchema, isCountryCode } from './country';

describe('country codes (R-DIR-1: ISO 3166-1 alpha-2)', () => {
  it('knows the 249 assigned codes, once each', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const code of ['US', 'GB', 'DE', 'AQ', 'BV', 'SS', 'AX']) expect(isCountryCode(code), code).toBe(true);
  });

  it('refuses codes that are not assigned, lower case and other shapes, in plain words', () => {
    for (const code of ['XX', 'EU', 'UK', 'XK', 'us', 'USA', '']) expect(isCountryCode(code), code).toBe(false);
    expect(countryCodeSchema.safeParse('XX').error?.issues[0]?.message).toBe(
      '"XX" is not a country code of ISO 3166. Use an assigned two-letter code, such as US, GB or DE.',
    );
  });
});
