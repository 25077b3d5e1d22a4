import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import type { Mutant } from '../../src/reference-as/mutant.js'
import { MUTANTS, needsChildProcess } from '../mutants/index.js'
import { ids, recordCoverage, withReferenceTarget } from './harness.js'

/**
 * Proof that the checks can fail: each mutant is the reference AS with one rule switched off. The
 * harness, run as a user runs it against an external target, must fail exactly the modules the
 * mutant names for each profile it breaks, and pass (or find not applicable) everything else.
 */
export async function runAgainstMutant(mutant: Mutant) {
  // Source-patched mutants need a process of their own; the others run in this worker.
  const target = { name: `mutant-${mutant.id}`, mutant, profiles: mutant.profiles, childProcess: needsChildProcess(mutant), ...(mutant.config ? { config: mutant.config } : {}) }
  return withReferenceTarget(target, async (as) => {
    const out: Record<string, { failed: string[]; warnings: string[]; info: string[]; errors: string[]; expected: string[]; expectedWarnings: string[]; expectedInfo: string[]; expectedErrors: string[]; log: string }> = {}
    const list = (m: Partial<Record<string, string[]>> | undefined, p: string) => (m?.[p] ?? []).map((id) => `${p}/${id}`).sort()
    for (const p of mutant.profiles) {
      const run = await as.run([p], ['--workers', '1'], { timeoutMs: 420_000 })
      const r = run.results
      if (r) recordCoverage(`${mutant.id}-${p}`, r)
      out[p] = {
        failed: r ? ids(r, 'failed') : [],
        warnings: r ? ids(r, 'warning') : [],
        expectedWarnings: list(mutant.expectWarnings, p),
        info: r ? ids(r, 'info') : [],
        expectedInfo: list(mutant.expectInfo, p),
        expectedErrors: list(mutant.expectErrors, p),
        errors: r ? ids(r, 'error') : ['no results.json'],
        expected: list(mutant.expectFailures, p),
        log: `${run.stdout}\n${run.stderr}`.slice(-3000),
      }
    }
    return out
  })
}

for (const mutant of MUTANTS) {
  test(`mutant ${mutant.id}: ${mutant.description}`, async () => {
    // one harness run per profile the mutant breaks, each bounded by its own kill timer
    test.setTimeout(mutant.profiles.length * 450_000)
    const out = await runAgainstMutant(mutant)
    for (const [p, o] of Object.entries(out)) {
      expect(o.errors, `${p}: harness errors\n${o.log}`).toEqual(o.expectedErrors)
      expect(o.expected.length + o.expectedWarnings.length + o.expectedInfo.length, `${mutant.id} names no failure for ${p}`).toBeGreaterThan(0)
      expect(o.failed, `${p}: failed modules\n${o.log}`).toEqual(o.expected)
      expect(o.warnings, `${p}: modules with warnings\n${o.log}`).toEqual(o.expectedWarnings)
      expect(o.info, `${p}: informational modules (a may-level behaviour not used)\n${o.log}`).toEqual(o.expectedInfo)
    }
  })
}
