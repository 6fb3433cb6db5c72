import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLOUT_WORDING } from './rollout-defaults';
import { ROLLOUT_MESSAGE_KINDS, checkRolloutTemplate, parseTemplate, renderTemplate } from './rollout-template';

describe('rollout message templates (R-RPT-2)', () => {
  it('reads placeholders and literal braces, and fills them in', () => {
    const parsed = parseTemplate('Hi {{team}}: from {enforcement} ({ time_zone }) }}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const values = Object.fromEntries(['company', 'enforcement', 'enforcement_date', 'enforcement_time', 'time_zone', 'deadline', 'days_left', 'methods', 'steps', 'recovery', 'contact'].map((k) => [k, `<${k}>`]));
    expect(renderTemplate(parsed.parts, values as never)).toBe('Hi {team}: from <enforcement> (<time_zone>) }');
  });

  it('refuses an unknown placeholder by name, with the ones it knows', () => {
    const parsed = parseTemplate('Dear {first_name},');
    expect(parsed).toMatchObject({ ok: false, at: 5 });
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/^The message uses \{first_name\}, which is not a placeholder the console knows\. Use one of \{company\}, \{enforcement\},/);
  });

  it('refuses braces left open or closing nothing', () => {
    expect(parseTemplate('from {enforcement')).toMatchObject({ ok: false, message: expect.stringContaining('never closed') });
    expect(parseTemplate('a { b {enforcement}')).toMatchObject({ ok: false, at: 2 });
    expect(parseTemplate('a } b')).toMatchObject({ ok: false, message: expect.stringContaining('closes nothing') });
  });

  it('checks a whole message: one-line subject, lengths, and the enforcement moment named', () => {
    expect(checkRolloutTemplate({ subject: 'MFA', body: 'From {enforcement}.' }).ok).toBe(true);
    expect(checkRolloutTemplate({ subject: 'MFA\r\nBcc: x@y', body: 'From {enforcement}.' })).toMatchObject({ ok: false, field: 'subject', message: 'Keep the subject on one line.' });
    expect(checkRolloutTemplate({ subject: ' ', body: 'x' })).toMatchObject({ ok: false, field: 'subject' });
    expect(checkRolloutTemplate({ subject: 'S', body: 'x'.repeat(10_001) })).toMatchObject({ ok: false, field: 'body' });
    expect(checkRolloutTemplate({ subject: 'S {nope}', body: '{enforcement}' })).toMatchObject({ ok: false, field: 'subject', message: expect.stringContaining('The subject uses {nope}') });
    expect(checkRolloutTemplate({ subject: 'S', body: 'Soon, on {enforcement_date}.' })).toMatchObject({ ok: false, field: 'body', message: expect.stringContaining('must say when MFA becomes required') });
    expect(checkRolloutTemplate({ subject: 'On {enforcement_date}', body: 'at {enforcement_time}' }).ok).toBe(true);
  });

  it('ships default wording that passes its own check', () => {
    for (const kind of ROLLOUT_MESSAGE_KINDS) expect(checkRolloutTemplate(DEFAULT_ROLLOUT_WORDING[kind]).ok).toBe(true);
  });
});
