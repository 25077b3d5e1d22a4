import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { CHECKS } from '../../src/checks/index.js'
import { COVERAGE_DIR } from '../self/harness.js'

/**
 * Checks that cannot end as a failure by construction, with the reason. Each is still exercised
 * (its passing and undecidable outcomes are unit-tested).
 */
const CANNOT_FAIL: Record<string, string> = {
  'handshake-refused':
    'it judges a recorded TLS failure where a refusal was due: an alert or a close next to a control that got an HTTP answer at the same URL is a refusal (pass), anything else decides nothing (error); an accepted request is judged by attempt-refused, which the mTLS mutants fail',
}

/**
 * "Every check can fail, and is shown failing": after the self-tests ran the harness against
 * every mutant, each check must have failed (or warned, for should/may clauses) against at least
 * one of them. Runs after the `self` project (it depends on it).
 */
test('every check is shown failing against at least one mutant', () => {
  expect(existsSync(COVERAGE_DIR), 'no mutant runs were recorded: run the self project first').toBe(
    true,
  )
  const seen = new Map<string, string[]>()
  for (const f of readdirSync(COVERAGE_DIR)) {
    const data = JSON.parse(readFileSync(join(COVERAGE_DIR, f), 'utf8')) as Record<string, string[]>
    for (const [check, where] of Object.entries(data))
      seen.set(check, [
        ...(seen.get(check) ?? []),
        ...where.map((w) => `${f.replace(/\.json$/, '')}: ${w}`),
      ])
  }
  const all = Object.values(CHECKS)
    .flat()
    .map((c) => c.id)
  const never = all.filter((id) => !seen.has(id) && !(id in CANNOT_FAIL))
  expect(never, `checks never shown failing: ${never.join(', ')}`).toEqual([])
  for (const id of Object.keys(CANNOT_FAIL))
    expect(all, `exempted check ${id} does not exist`).toContain(id)
})
