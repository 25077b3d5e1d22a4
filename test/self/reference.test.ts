import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { PROFILE_IDS } from '../../src/suite/profile.js'
import { REQUIREMENTS } from '../../src/spec/requirements.js'
import { ids, runHarness } from './harness.js'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

test('the embedded reference AS conforms to every profile, and no secret reaches the output', async () => {
  // every module of every profile, browser flows included, beside the other self tests on a 2-core machine
  test.setTimeout(660_000)
  const secretLog = join(mkdtempSync(join(tmpdir(), 'fapi-secrets-')), 'secrets.txt')
  const cacheDir = mkdtempSync(join(tmpdir(), 'fapi-keys-'))
  const run = await runHarness(['run'], {
    env: { FAPI_HARNESS_SECRET_LOG: secretLog, FAPI_HARNESS_CACHE_DIR: cacheDir },
    timeoutMs: 600_000,
  })
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
  const r = run.results!
  expect(ids(r, 'failed')).toEqual([])
  expect(ids(r, 'error')).toEqual([])
  expect(r.target.embedded).toBe(true)
  expect(new Set(r.results.map((x) => x.profile))).toEqual(new Set(PROFILE_IDS))
  expect(r.results.length).toBeGreaterThanOrEqual(60)
  expect(r.summary.passed).toBeGreaterThanOrEqual(60)

  // Every decided result cites known requirement ids and a level; not-applicable results say why.
  for (const x of r.results) {
    if (x.status === 'not_applicable') {
      expect(x.message.length, x.id).toBeGreaterThan(10)
      continue
    }
    expect(x.requirements.length, `${x.profile}/${x.id}`).toBeGreaterThan(0)
    for (const id of x.requirements)
      expect(Object.keys(REQUIREMENTS), `${x.profile}/${x.id}`).toContain(id)
    expect(['shall', 'should', 'may']).toContain(x.level)
  }
  // Spot checks of what the profiles say.
  const get = (p: string, id: string) => r.results.find((x) => x.profile === p && x.id === id)!
  expect(get('fapi1-advanced', 'auth-method-client-secret-basic')).toMatchObject({
    status: 'passed',
    requirements: expect.arrayContaining(['FAPI1-ADV-5.2.2-14']),
  })
  expect(get('oauth2', 'auth-method-client-secret-basic')).toMatchObject({
    status: 'passed',
    expected: expect.stringContaining('accepted'),
  })
  expect(get('fapi2-security', 'client-assertion-aud-token-endpoint')).toMatchObject({
    status: 'passed',
    requirements: expect.arrayContaining(['FAPI2-SP-FINAL-5.3.2.1-8']),
  })
  expect(get('fapi1-advanced', 'client-key-ec-minimum-size').status).toBe('not_applicable')

  // The secret scan: nothing the run used as a secret appears in any file it wrote.
  const secrets = new Set(
    readFileSync(secretLog, 'utf8')
      .split('\n')
      .filter((s) => s.length >= 8),
  )
  for (const f of readdirSync(cacheDir)) {
    const jwk = JSON.parse(readFileSync(join(cacheDir, f), 'utf8')).privateJwk as Record<
      string,
      string
    >
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (jwk[m]) secrets.add(jwk[m])
  }
  expect(secrets.size).toBeGreaterThan(20)
  const files = walk(run.out)
  expect(files.some((f) => f.endsWith('summary.html'))).toBe(true)
  expect(files.some((f) => f.endsWith('junit.xml'))).toBe(true)
  const leaks: string[] = []
  for (const f of files) {
    const text = readFileSync(f, 'latin1')
    for (const s of secrets) if (text.includes(s)) leaks.push(`${f}: ${s.slice(0, 6)}…`)
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) leaks.push(`${f}: PEM private key`)
  }
  expect(leaks).toEqual([])

  // `fapi-harness report` regenerates the single-file HTML from the kept allure-results.
  const again = await runHarness([
    'report',
    join(run.out, 'allure-results'),
    '--out',
    join(run.out, 'regenerated'),
  ])
  expect(again.code, again.stdout + again.stderr).toBe(0)
  expect(statSync(join(run.out, 'regenerated', 'index.html')).size).toBeGreaterThan(100_000)
})
