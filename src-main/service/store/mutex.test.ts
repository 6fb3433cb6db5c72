import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex';

describe('Mutex', () => {
  it('hands the lock out in the order it was asked for, one holder at a time', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    const task = (name: string, ticks: number) =>
      mutex.run(async () => {
        events.push(`${name} start`);
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        events.push(`${name} end`);
      });
    await Promise.all([task('a', 3), task('b', 1), task('c', 2)]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('releases the lock when the holder throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run(() => 'next')).resolves.toBe('next');
  });

  it('ignores a second release so it cannot free a later holder', async () => {
    const mutex = new Mutex();
    const release = await mutex.lock();
    release();
    const second = await mutex.lock();
    release();
    let thirdGotIt = false;
    const third = mutex.lock().then((r) => {
      thirdGotIt = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdGotIt).toBe(false);
    second();
    (await third)();
    expect(thirdGotIt).toBe(true);
  });
});
