import { defineConfig } from '@playwright/test'
import { join } from 'node:path'
import { loadPlan, PLAN_ENV } from './src/suite/plan.js'

/**
 * The harness run: suites/<profile>.spec.ts for each selected profile, against
 * the target named in the run plan. Started by `fapi-harness run`, which writes the plan; the
 * harness's own tests use test/playwright.config.ts.
 */
const plan = process.env[PLAN_ENV] ? loadPlan() : undefined

export default defineConfig({
  testDir: './suites',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  outputDir: plan ? join(plan.workDir, 'runner') : 'test-results/harness',
  reporter: [['./src/report/results-reporter.ts']],
  // One project for all profiles, so workers are shared across them (a worker per project per
  // profile cost more start-up than the tests themselves); each test's record names its profile.
  projects: [{ name: 'harness', testMatch: (plan?.profiles ?? []).map((p) => `${p.id}.spec.ts`) }],
})
