import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_NOTICES, useNotificationsStore } from './notifications';

describe('the shell messages', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('replaces an older message about the same action instead of piling up', () => {
    const store = useNotificationsStore();
    store.enterScreen('directory');
    store.push('error', 'Could not load the directory', 'The MFA service is not reachable.');
    store.push('error', 'Could not load the directory', 'The MFA service is not reachable. Try again.');
    store.push('error', 'Could not load the filter choices', 'The MFA service is not reachable. Try again.');
    expect(store.notices.map((n) => n.title)).toEqual(['Could not load the filter choices']);
  });

  it(`keeps at most ${MAX_NOTICES} messages, dropping the oldest`, () => {
    const store = useNotificationsStore();
    for (const n of [1, 2, 3, 4, 5]) store.push('error', `Failure ${n}`, `Message ${n}`);
    expect(store.notices.map((n) => n.title)).toEqual(['Failure 3', 'Failure 4', 'Failure 5']);
  });

  it('drops the messages of a screen once the admin moves to another one', () => {
    const store = useNotificationsStore();
    store.enterScreen('audit');
    store.push('error', 'Could not load the audit log', 'The MFA service is not reachable.');
    store.enterScreen('audit');
    expect(store.notices).toHaveLength(1);
    store.enterScreen('reset');
    expect(store.notices).toEqual([]);
    store.push('error', 'MFA was not reset', 'Tick every check.');
    expect(store.notices.map((n) => n.screen)).toEqual(['reset']);
  });
});
