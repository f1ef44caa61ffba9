import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database tests share one PostgreSQL database when DATABASE_URL is set; each file uses its own
    // schema, so files may still run in parallel.
    pool: 'forks',
  },
});
