import { describe, expect, it } from 'vitest';
import { SIMULATOR_USER_AGENT } from '../../shared/domain/sign-in-activity';
import { deviceWords } from './use-device-words';

describe('deviceWords', () => {
  it('names the browser and the system a helpdesk would ask about', () => {
    expect(deviceWords('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox on Linux');
    expect(deviceWords('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iPhone');
    expect(deviceWords('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0')).toBe('Edge on Windows');
    expect(deviceWords('Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36')).toBe('Chrome on Android');
    expect(deviceWords('axios/1.21.1')).toBe('a script (axios)');
    expect(deviceWords(SIMULATOR_USER_AGENT)).toBe('Simulated phone (console simulator)');
  });

  it('falls back to the agent itself, cut short, or says it is unknown', () => {
    expect(deviceWords(null)).toBe('Unknown device');
    expect(deviceWords('MFA-Simulator')).toBe('MFA-Simulator');
    expect(deviceWords('x'.repeat(60))).toHaveLength(40);
  });
});
