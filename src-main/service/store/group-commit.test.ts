import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A flush whose completion the test controls. */
function controlledFlush() {
  const gates: Array<{ open(): void; fail(error: Error): void }> = [];
  let started = 0;
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      started++;
      gates.push({ open: resolve, fail: reject });
    });
  return { flush, gates, started: () => started };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('lets writes that arrive together share one flush', async () => {
    let flushes = 0;
    const commit = new GroupCommit(async () => {
      flushes++;
    });
    await Promise.all(Array.from({ length: 25 }, () => commit.afterNextFlush()));
    expect(flushes).toBe(1);
  });

  it('makes a write that arrives during a flush wait for the next one', async () => {
    const control = controlledFlush();
    const commit = new GroupCommit(control.flush);
    const settled: string[] = [];
    const first = commit.afterNextFlush().then(() => settled.push('first'));
    await tick();
    expect(control.started()).toBe(1);

    const second = commit.afterNextFlush().then(() => settled.push('second'));
    const third = commit.afterNextFlush().then(() => settled.push('third'));
    control.gates[0]?.open();
    await first;
    await tick();
    expect(settled).toEqual(['first']);
    expect(control.started()).toBe(2);

    control.gates[1]?.open();
    await Promise.all([second, third]);
    expect(settled).toEqual(['first', 'second', 'third']);
    expect(control.started()).toBe(2);
  });

  it('rejects the writes of a failed flush and flushes again for later ones', async () => {
    const control = controlledFlush();
    const commit = new GroupCommit(control.flush);
    const failed = commit.afterNextFlush();
    await tick();
    control.gates[0]?.fail(new Error('disk full'));
    await expect(failed).rejects.toThrow('disk full');

    const later = commit.afterNextFlush();
    await tick();
    control.gates[1]?.open();
    await expect(later).resolves.toBeUndefined();
    expect(control.started()).toBe(2);
  });

  it('reports idle only after every requested flush finished', async () => {
    const control = controlledFlush();
    const commit = new GroupCommit(control.flush);
    void commit.afterNextFlush();
    let idle = false;
    const waiting = commit.idle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    control.gates[0]?.open();
    await waiting;
    expect(idle).toBe(true);
  });
});
