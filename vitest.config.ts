import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests pin their seed in CI (see test/support/fc-config.ts); locally they roam.
    testTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/fc-setup.ts'],
  },
});
