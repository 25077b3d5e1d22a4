import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { createCa } from '../../src/crypto/certs.js'
import { startReferenceAS } from '../../src/reference-as/index.js'
import { startReferenceASProcess } from '../../src/reference-as/process.js'
import type { Mutant } from '../../src/reference-as/mutant.js'
import { MUTANTS, needsChildProcess } from '../mutants/index.js'
import { ids, recordCoverage, runHarness } from './harness.js'

/**
 * Proof that the checks can fail: each mutant is the reference AS with one rule switched off. The
 * harness, run as a user runs it against an external target, must fail exactly the modules the
 * mutant names for each profile it breaks, and pass (or find not applicable) everything else.
 */
export async function runAgainstMutant(mutant: Mutant) {
  const clientCa = await createCa('CN=mutant test client CA')
  const dir = mkdtempSync(join(tmpdir(), `mutant-${mutant.id}-`))
  writeFileSync(join(dir, 'client-ca.pem'), clientCa.certPem)
  writeFileSync(join(dir, 'client-ca.key'), clientCa.keyPem, { mode: 0o600 })
  writeFileSync(join(dir, 'target.yaml'), 'tls:\n  client_ca:\n    cert: client-ca.pem\n    key: client-ca.key\nresource_url: "{issuer}/resource"\n')
  // Source-patched mutants need a process of their own; the others run in this worker.
  const opts = { mutant, profiles: mutant.profiles, clientCaPem: clientCa.certPem }
  const as = needsChildProcess(mutant) ? await startReferenceASProcess(opts) : await startReferenceAS(opts)
  try {
    const out: Record<string, { failed: string[]; warnings: string[]; errors: string[]; expected: string[]; expectedWarnings: string[]; expectedErrors: string[]; log: string }> = {}
    const list = (m: Partial<Record<string, string[]>> | undefined, p: string) => (m?.[p] ?? []).map((id) => `${p}/${id}`).sort()
    for (const p of mutant.profiles) {
      const run = await runHarness(['run', '--no-html', '--workers', '1', '--issuer', as.issuers[p], '--profile', p, '--ca', as.caFile, '--config', join(dir, 'target.yaml')])
      const r = run.results
      if (r) recordCoverage(`${mutant.id}-${p}`, r)
      out[p] = {
        failed: r ? ids(r, 'failed') : [],
        warnings: r ? ids(r, 'warning') : [],
        expectedWarnings: list(mutant.expectWarnings, p),
        expectedErrors: list(mutant.expectErrors, p),
        errors: r ? ids(r, 'error') : ['no results.json'],
        expected: list(mutant.expectFailures, p),
        log: `${run.stdout}\n${run.stderr}`.slice(-3000),
      }
    }
    return out
  } finally {
    await as.close()
  }
}

for (const mutant of MUTANTS) {
  test(`mutant ${mutant.id}: ${mutant.description}`, async () => {
    const out = await runAgainstMutant(mutant)
    for (const [p, o] of Object.entries(out)) {
      expect(o.errors, `${p}: harness errors\n${o.log}`).toEqual(o.expectedErrors)
      expect(o.expected.length + o.expectedWarnings.length, `${mutant.id} names no failure for ${p}`).toBeGreaterThan(0)
      expect(o.failed, `${p}: failed modules\n${o.log}`).toEqual(o.expected)
      expect(o.warnings, `${p}: modules with warnings\n${o.log}`).toEqual(o.expectedWarnings)
    }
  })
}
