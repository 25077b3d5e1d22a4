import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import type { Mutant } from '../../src/reference-as/mutant.js'
import type { ProfileId } from '../../src/suite/profile.js'
import { MODULES } from '../../suites/index.js'
import { MUTANTS, needsChildProcess } from '../mutants/index.js'
import { ids, recordCoverage, withReferenceTarget } from './harness.js'

/**
 * `FAPI_HARNESS_MUTANTS=full`: every mutant runs every module of its profiles. By default a mutant
 * runs the surfaces (discovery, client-authentication, mtls, redirect-flows, dpop, ciba) of the
 * modules it names, plus discovery: its named results must come out exactly so, and nothing else
 * of those surfaces may fail. The browser flows are 90% of a profile's run time, and three mutants
 * in four are about something else; test/self/reference.test.ts runs every module against the
 * correct server, and the full mode is the nightly proof that no mutant breaks more than it says.
 */
const FULL = process.env.FAPI_HARNESS_MUTANTS === 'full'
const SURFACE = new Map(MODULES.map((m) => [m.id, m.surface]))

/** The `--grep` of the surfaces whose modules `mutant` names for `p` (none in full mode). */
export function surfaceGrep(mutant: Mutant, p: ProfileId): string[] {
  if (FULL) return []
  const named = [
    mutant.expectFailures,
    mutant.expectWarnings,
    mutant.expectInfo,
    mutant.expectErrors,
  ].flatMap((m) => m?.[p] ?? [])
  const surfaces = new Set(['discovery'])
  for (const id of named) {
    const s = SURFACE.get(id)
    if (!s) throw new Error(`mutant ${mutant.id} names ${id}, which is not a module`)
    surfaces.add(s)
  }
  return [
    '--grep',
    [...surfaces]
      .sort()
      .map((s) => `@${s}(?![\\w-])`)
      .join('|'),
  ]
}

/**
 * Proof that the checks can fail: each mutant is the reference AS with one rule switched off. The
 * harness, run as a user runs it against an external target, must fail exactly the modules the
 * mutant names for each profile it breaks, and pass (or find not applicable) everything else.
 */
export async function runAgainstMutant(mutant: Mutant) {
  // Source-patched mutants need a process of their own; the others run in this worker.
  const target = {
    name: `mutant-${mutant.id}`,
    mutant,
    profiles: mutant.profiles,
    childProcess: needsChildProcess(mutant),
    ...(mutant.config ? { config: mutant.config } : {}),
  }
  return withReferenceTarget(target, async (as) => {
    const out: Record<
      string,
      {
        failed: string[]
        warnings: string[]
        info: string[]
        errors: string[]
        expected: string[]
        expectedWarnings: string[]
        expectedInfo: string[]
        expectedErrors: string[]
        log: string
      }
    > = {}
    const list = (m: Partial<Record<string, string[]>> | undefined, p: string) =>
      (m?.[p] ?? []).map((id) => `${p}/${id}`).sort()
    for (const p of mutant.profiles) {
      const run = await as.run([p], ['--workers', '1', ...surfaceGrep(mutant, p)], {
        timeoutMs: 420_000,
      })
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
      expect(
        o.expected.length + o.expectedWarnings.length + o.expectedInfo.length,
        `${mutant.id} names no failure for ${p}`,
      ).toBeGreaterThan(0)
      expect(o.failed, `${p}: failed modules\n${o.log}`).toEqual(o.expected)
      expect(o.warnings, `${p}: modules with warnings\n${o.log}`).toEqual(o.expectedWarnings)
      expect(
        o.info,
        `${p}: informational modules (a may-level behaviour not used)\n${o.log}`,
      ).toEqual(o.expectedInfo)
    }
  })
}
