import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-check';

const ourFrame = { url: 'app://console/index.html#/policy', parent: null };

describe('isTrustedSender', () => {
  it('accepts the top frame of our window at app://console', () => {
    expect(isTrustedSender(ourFrame, [ourFrame])).toBe(true);
  });

  it('refuses a frame that is not one of our windows', () => {
    const stranger = { url: 'app://console/index.html', parent: null };
    expect(isTrustedSender(stranger, [ourFrame])).toBe(false);
  });

  it('refuses a subframe, even of our origin', () => {
    const sub = { url: 'app://console/index.html', parent: ourFrame };
    expect(isTrustedSender(sub, [ourFrame, sub])).toBe(false);
  });

  it('refuses our window after it navigated to another origin', () => {
    const navigated = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender(navigated, [navigated])).toBe(false);
  });

  it('refuses a look-alike host and a file:// page', () => {
    const lookAlike = { url: 'app://console.evil/index.html', parent: null };
    const file = { url: 'file:///tmp/index.html', parent: null };
    expect(isTrustedSender(lookAlike, [lookAlike])).toBe(false);
    expect(isTrustedSender(file, [file])).toBe(false);
  });

  it('refuses a missing frame (destroyed before the message arrived)', () => {
    expect(isTrustedSender(null, [ourFrame])).toBe(false);
  });

  it('accepts the dev server origin only when it is the trusted one', () => {
    const dev = { url: 'http://localhost:5173/', parent: null };
    expect(isTrustedSender(dev, [dev])).toBe(false);
    expect(isTrustedSender(dev, [dev], 'http://localhost:5173')).toBe(true);
  });
});
