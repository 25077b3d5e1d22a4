import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import type { ResultRecord } from '../../src/suite/result.js'
import { ALTERNATIVES } from '../alternatives/index.js'
import { withReferenceTarget } from './harness.js'

/**
 * Proof that the harness does not fail a correct server for choices the specifications allow:
 * each alternative (test/alternatives) is the reference AS changed in one such way. The harness,
 * run as a user runs it over the alternative's profiles, must fail nothing, decide everything (no
 * `error`), and never pass a module on a refusal at registration other than the
 * invalid_client_metadata the module is about (a registration refused for a policy the harness did
 * not satisfy, such as missing redirect_uris, proves nothing about the module's rule).
 */

const line = (r: ResultRecord) => `${r.profile}/${r.id}: ${r.message}`

/**
 * Passed on a refusal at registration that carried an error other than invalid_client_metadata
 * (e.g. invalid_redirect_uri: the registration failed for a policy the harness did not satisfy).
 * A refusal by replacement (RFC 7591 §3.2.1: the AS granted another value of the member under
 * test, evidence `replaced`) carries no error and is not counted.
 */
function passedOnUnattributedRegistrationRefusal(r: ResultRecord): boolean {
  if (r.status !== 'passed' || r.refusedAt !== 'registration') return false
  const errors = r.checks
    .filter((c) => c.evidence?.refusedAt === 'registration')
    .map((c) => c.evidence?.error)
    .filter((e) => e !== undefined)
  return errors.some((e) => e !== 'invalid_client_metadata')
}

for (const alt of ALTERNATIVES) {
  test(`alternative ${alt.id}: ${alt.description}`, async () => {
    // every profile, browser flows included (FAPI 1.0 Advanced and FAPI 2.0 run theirs too): a
    // full run takes 4-5 minutes on a loaded 2-core machine
    test.setTimeout(660_000)
    test.info().annotations.push({ type: 'why', description: alt.why })
    const target = {
      name: `alternative-${alt.id}`,
      mutant: alt,
      profiles: alt.profiles,
      ...(alt.config ? { config: alt.config } : {}),
    }
    const run = await withReferenceTarget(target, (as) =>
      as.run(alt.profiles, ['--workers', '2'], { timeoutMs: 600_000 }),
    )
    const log = `exit ${run.code}\n${run.stdout}\n${run.stderr}`.slice(-3000)
    expect(run.results, `no results.json\n${log}`).toBeDefined()
    const results = run.results!.results
    const warnings = results.filter((r) => r.status === 'warning')
    if (warnings.length)
      test.info().annotations.push({ type: 'warnings', description: warnings.map(line).join('\n') })
    expect.soft(run.results!.aborted, `the run was aborted\n${log}`).toBeUndefined()
    expect
      .soft(results.filter((r) => r.status === 'failed').map(line), 'failed modules')
      .toEqual([])
    expect
      .soft(
        results.filter((r) => r.status === 'error').map(line),
        'modules the harness could not decide',
      )
      .toEqual([])
    expect
      .soft(
        results.filter(passedOnUnattributedRegistrationRefusal).map(line),
        'modules passed on a refusal at registration other than invalid_client_metadata',
      )
      .toEqual([])
    expect(results.length, `no results\n${log}`).toBeGreaterThan(0)
  })
}
