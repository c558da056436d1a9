import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file spawns its own redis-server; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    // expect.poll waits for something that will happen (a socket frame, a bot turn); its 1 s default is shorter
    // than one turn takes on a loaded 2-core CI machine. A poll that passes returns at once, so only failures wait.
    expect: { poll: { timeout: 5000 } },
  },
});
