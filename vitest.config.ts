import { defineConfig } from 'vitest/config';

/** Every console a test starts (in process or as `npm run web`) checks the service's answers against the contract. */
const CHECK_RESPONSES = { MFA_CHECK_RESPONSES: '1' };

/** Three projects: fast unit tests beside the code, integration tests over real stores, and e2e in Chromium. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          env: CHECK_RESPONSES,
          include: ['shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          env: CHECK_RESPONSES,
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          env: CHECK_RESPONSES,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A screen may take seconds to settle on a busy machine; expect.poll's own default (1 s) failed there.
          expect: { poll: { timeout: 20_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
