import { defineConfig } from '@playwright/test'

/**
 * Tests of the harness itself. `unit`: pure functions, no network. `self`: the harness run as a
 * user runs it (a child process) against the reference AS, its mutants and nginx.
 */
export default defineConfig({
  globalSetup: './global-setup.ts',
  testDir: '.',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.FAPI_HARNESS_TEST_WORKERS
    ? Number(process.env.FAPI_HARNESS_TEST_WORKERS)
    : 2,
  outputDir: '../test-results/tests',
  reporter: [['list'], ['json', { outputFile: '../test-results/tests.json' }]],
  projects: [
    { name: 'unit', testMatch: /unit\/.*\.test\.ts$/, timeout: 60_000 },
    { name: 'self', testMatch: /self\/.*\.test\.ts$/, timeout: 300_000 },
    // After every mutant ran: each check must have been seen failing (test/coverage).
    { name: 'coverage', testMatch: /coverage\/.*\.test\.ts$/, dependencies: ['self'] },
  ],
})
