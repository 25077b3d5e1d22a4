import { expect, test } from '@playwright/test'
import { runHarness } from './harness.js'

/** The one-line cause on stderr. */
const cause = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('fapi-harness:'))

test('a profile whose selected tests judged no shall requirement exits 3 naming that profile, not the others', async () => {
  // Against the embedded AS: under oauth2 both modules are not applicable (EdDSA is not among the
  // AS's advertised algorithms; an EC key size limit is no oauth2 rule); under fapi1-advanced the
  // EdDSA refusal is judged (passed, shall) and the EC key size is not applicable (JOSE cannot
  // express a too-small EC key).
  const run = await runHarness([
    'run',
    '--no-html',
    '--profile',
    'oauth2',
    '--profile',
    'fapi1-advanced',
    '--grep',
    'client-key-ec-minimum-size|client-assertion-alg-eddsa',
  ])
  const log = `${run.stdout}\n${run.stderr}`.slice(-4000)
  const r = run.results!
  expect(r, log).toBeDefined()
  const status = Object.fromEntries(r.results.map((x) => [`${x.profile}/${x.id}`, x.status]))
  expect(status, log).toEqual({
    'oauth2/client-key-ec-minimum-size': 'not_applicable',
    'oauth2/client-assertion-alg-eddsa': 'not_applicable',
    'fapi1-advanced/client-key-ec-minimum-size': 'not_applicable',
    'fapi1-advanced/client-assertion-alg-eddsa': 'passed',
  })

  expect(run.code, log).toBe(3)
  const line = cause(run.stderr)
  expect(line, log).toHaveLength(1)
  expect(line[0]).toMatch(
    /^fapi-harness: nothing was proven for profile oauth2: no shall requirement was judged/,
  )
  expect(line[0]).not.toContain('fapi1-advanced')

  // results.json carries the coverage the exit code was decided on
  expect(r.coverage?.oauth2).toMatchObject({
    modules: { total: 2, judged: 0, notApplicable: 2, errors: 0 },
    shall: { judged: 0, notApplicable: 1 },
  })
  expect(r.coverage?.['fapi1-advanced']?.modules).toMatchObject({
    total: 2,
    judged: 1,
    notApplicable: 1,
  })
  expect(r.coverage?.['fapi1-advanced']?.shall.judged).toBeGreaterThan(0)
  expect(r.coverage?.oauth2?.requirements.every((x) => x.verdict === 'not_applicable')).toBe(true)

  // and the terminal says so after the summary table
  expect(run.stdout).toMatch(/^oauth2\s+0\s+2\s+0\s+0\/1\s+0\s+1\s+nothing proven$/m)
})
