import { defineConfig } from '@playwright/test'
import { join } from 'node:path'
import { loadPlan, PLAN_ENV } from './src/suite/plan.js'

/**
 * The harness run: one project per selected profile, each running suites/<profile>.spec.ts against
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
  outputDir: plan ? join(plan.outDir, '.playwright') : 'test-results/harness',
  reporter: [['./src/report/results-reporter.ts']],
  projects: (plan?.profiles ?? []).map((p) => ({ name: p.id, testMatch: `${p.id}.spec.ts` })),
})
