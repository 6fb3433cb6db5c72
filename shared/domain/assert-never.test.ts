import { describe, it, expect } from 'vitest';
import { assertNever } from './assert-never';

describe('assertNever', () => {
  it('fails loudly when an impossible value reaches it at run time', () => {
    expect(() => assertNever('surprise' as never, 'step')).toThrow('Unexpected step: "surprise"');
  });
});
