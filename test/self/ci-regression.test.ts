/**
 * Issue #11, as a CI job runs it: the expect file, `--baseline`, `diff`, `--shard` and `merge`
 * through the CLI, against the reference AS and a mutant. Kept fast: one profile and --grep.
 */
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import acceptsAnyAud from '../mutants/accepts-any-aud.js'
import { keyOf } from '../../src/report/expect.js'
import type { RunResults } from '../../src/suite/result.js'
import { runHarness, withReferenceTarget } from './harness.js'

const statuses = (r: RunResults | undefined) =>
  (r?.results ?? []).map((x) => `${keyOf(x)}=${x.status}`).sort()
const V = '[client_auth=private_key_jwt,endpoint=token,grant=client_credentials]'
const VS = '[client_auth=client_secret_jwt,endpoint=token,grant=client_credentials]'

function expectFile(dir: string, ids: string[]): string {
  const file = join(dir, 'expect.yaml')
  writeFileSync(
    file,
    `expected_failures:\n${ids.map((id) => `  - id: ${id}\n    profile: oauth2\n    reason: AS-4711 aud check relaxed until the next release\n    until: 2099-12-31\n`).join('')}`,
  )
  return file
}

test('bad --expect, --baseline or --shard: exit 2 with a one-line cause naming the field, before anything runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-bad-'))
  const bad = join(dir, 'expect.yaml')
  writeFileSync(bad, 'expected_failures:\n  - id: client-assertion-aud-*\n')
  let r = await runHarness(['run', '--profile', 'oauth2', '--expect', bad])
  expect(r.code).toBe(2)
  expect(r.stderr.trim()).toBe(
    `fapi-harness: ERR_CONFIG_INVALID: ${bad}: /expected_failures/0: must have required property 'reason'`,
  )
  r = await runHarness(['run', '--profile', 'oauth2', '--baseline', join(dir, 'nowhere')])
  expect(r.code).toBe(2)
  expect(r.stderr).toMatch(
    /^fapi-harness: ERR_CONFIG_INVALID: --baseline .*nowhere: cannot read it \(ENOENT\)\n$/,
  )
  r = await runHarness(['run', '--profile', 'oauth2', '--shard', '3/2'])
  expect(r.code).toBe(2)
  expect(r.stderr).toBe(
    'fapi-harness: ERR_CONFIG_INVALID: --shard 3/2: expected i/n with 1 <= i <= n, e.g. 1/3\n',
  )
  r = await runHarness(['diff', join(dir, 'nowhere'), join(dir, 'nowhere')])
  expect(r.code).toBe(2)
})

/**
 * The README's recipe, its commands without the CI service: a baseline against the correct AS,
 * then the mutant (accepts any aud) with the expect file: the listed failure is expected, the other
 * is a regression (exit 1, in diff.md); listed too, the run exits 0.
 */
test('recipe: a regression is caught, an expected failure is not', async () => {
  // the token endpoint's aud modules only, not their endpoint-<endpoint>-* twins at the other endpoints
  const grep =
    'discovery-document-valid|(?<!endpoint-[a-z]+-)(client-assertion|client-secret-jwt)-aud-other-server'
  const dir = mkdtempSync(join(tmpdir(), 'ci-recipe-'))
  const one = expectFile(dir, ['client-assertion-aud-other-server'])
  const baseline = await withReferenceTarget(
    { name: 'ci-recipe-base', profiles: ['oauth2'] },
    (as) => as.run(['oauth2'], ['--grep', grep, '--expect', one]),
  )
  expect(baseline.code, baseline.stdout + baseline.stderr).toBe(0)
  expect(baseline.results?.summary).toMatchObject({ passed: 3, failed: 0, expectedFailures: 0 })
  // the correct AS passes what the entry lists: stale
  expect(baseline.results?.expectations?.entries[0]).toMatchObject({
    stale: 'no-longer-fails',
    selected: [`oauth2/client-assertion-aud-other-server${V}`],
  })
  expect(baseline.stdout).toMatch(
    /STALE +#1 oauth2\/client-assertion-aud-other-server: its results no longer fail/,
  )

  await withReferenceTarget(
    { name: 'ci-recipe-mutant', profiles: ['oauth2'], mutant: acceptsAnyAud },
    async (as) => {
      const regressed = await as.run(
        ['oauth2'],
        ['--grep', grep, '--expect', one, '--baseline', baseline.out],
      )
      expect(regressed.code, regressed.stdout + regressed.stderr).toBe(1)
      expect(statuses(regressed.results)).toEqual([
        `oauth2/client-assertion-aud-other-server${V}=expected_failure`,
        `oauth2/client-secret-jwt-aud-other-server${VS}=failed`,
        'oauth2/discovery-document-valid=passed',
      ])
      expect(regressed.stderr).toMatch(
        /^fapi-harness: 1 regression against the baseline, e\.g\. oauth2\/client-secret-jwt-aud-other-server\[/,
      )
      // the progress lines already tell them apart
      expect(regressed.stdout).toMatch(/^ {2}XFAIL \[oauth2\] client-assertion-aud-other-server: /m)
      expect(regressed.stdout).toMatch(
        /^ {2}FAIL {2}\[oauth2\] client-secret-jwt-aud-other-server: /m,
      )
      expect(regressed.stdout).toMatch(
        /REGRESSION +oauth2\/client-secret-jwt-aud-other-server\[\S+\] +passed -> failed/,
      )
      expect(regressed.stdout).toMatch(
        /new failure +oauth2\/client-assertion-aud-other-server\[\S+\] +passed -> expected_failure/,
      )
      const md = readFileSync(join(regressed.out, 'diff.md'), 'utf8')
      expect(md).toMatch(/^### fapi-harness: ❌ 1 regression/)
      expect(md).toContain(
        `| \`oauth2/client-secret-jwt-aud-other-server${VS}\` **regression** | passed | failed |`,
      )
      // every report shows the expected failure apart
      expect(readFileSync(join(regressed.out, 'junit.xml'), 'utf8')).toMatch(
        /<skipped message="expected failure: /,
      )
      expect(readFileSync(join(regressed.out, 'summary.html'), 'utf8')).toContain(
        'data-status="expected_failure"',
      )

      // the diff command says the same, and Markdown lands where asked
      const mdFile = join(dir, 'comment.md')
      const d = await runHarness([
        'diff',
        baseline.out,
        join(regressed.out, 'results.json'),
        '--markdown',
        mdFile,
      ])
      expect(d.code).toBe(1)
      // the same Markdown but for the labels of the compared runs
      const body = (s: string) => s.replace(/^Compared .*$/m, '')
      expect(body(readFileSync(mdFile, 'utf8'))).toBe(body(md))
      expect((await runHarness(['diff', regressed.out, baseline.out])).code).toBe(0)

      // both listed: nothing new fails, exit 0 (no baseline needed)
      const both = expectFile(dir, ['client-assertion-aud-other-server', 'client-secret-jwt-aud-*'])
      const known = await as.run(['oauth2'], ['--grep', grep, '--expect', both])
      expect(known.code, known.stdout + known.stderr).toBe(0)
      expect(known.results?.summary).toMatchObject({ passed: 1, failed: 0, expectedFailures: 2 })
      expect(known.stdout).toMatch(/^oauth2 +1 +0 +2 +0 +0 +0 +0 +0$/m)
    },
  )
})

/** Two shards merged equal one unsharded run, result for result (key and status), and every report is written. */
test('shards: --shard 1/2 and 2/2 merged equal the unsharded run', async () => {
  const grep = 'discovery-document|auth-method-client-secret|aud-other-server'
  const t0 = performance.now()
  await withReferenceTarget({ name: 'ci-shards', profiles: ['oauth2'] }, async (as) => {
    const whole = await as.run(['oauth2'], ['--grep', grep, '--workers', '1'])
    const tWhole = performance.now()
    const [s1, s2] = await Promise.all([
      as.run(['oauth2'], ['--grep', grep, '--workers', '1', '--shard', '1/2']),
      as.run(['oauth2'], ['--grep', grep, '--workers', '1', '--shard', '2/2']),
    ])
    const tShards = performance.now()
    for (const r of [whole, s1, s2]) expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(s1.results!.results.length).toBeGreaterThan(0)
    expect(s2.results!.results.length).toBeGreaterThan(0)
    expect(s1.results!.shard).toEqual({ index: 1, total: 2 })
    const out = mkdtempSync(join(tmpdir(), 'ci-merged-'))
    const merged = await runHarness(['merge', s1.out, s2.out, '--out', out, '--no-html'])
    const tMerge = performance.now()
    expect(merged.code, merged.stdout + merged.stderr).toBe(0)
    expect(merged.stdout).not.toContain('WARNING')
    const m = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResults
    expect(statuses(m)).toEqual(statuses(whole.results))
    expect(m.results.length).toBe(s1.results!.results.length + s2.results!.results.length)
    expect(m.summary).toEqual(whole.results!.summary)
    expect(m.coverage).toEqual(whole.results!.coverage)
    for (const f of ['junit.xml', 'summary.html', 'allure-results'])
      expect(existsSync(join(out, f)), f).toBe(true)
    const cases = (x: string) => (readFileSync(x, 'utf8').match(/<testcase /g) ?? []).length
    expect(cases(join(out, 'junit.xml'))).toBe(cases(join(whole.out, 'junit.xml')))
    // the shards' HTTP evidence reaches the merged Allure results
    const { readdirSync } = await import('node:fs')
    const attachments = (d: string) =>
      readdirSync(join(d, 'allure-results')).filter((n) => n.includes('-attachment.')).length
    expect(attachments(out)).toBe(attachments(whole.out))
    test.info().annotations.push({
      type: 'timing',
      description: `unsharded ${Math.round(tWhole - t0)} ms (incl. AS start), two shards in parallel ${Math.round(tShards - tWhole)} ms, merge ${Math.round(tMerge - tShards)} ms, ${m.results.length} results`,
    })
    process.stdout.write(
      `timing: unsharded ${Math.round(tWhole - t0)} ms (incl. AS start), two shards in parallel ${Math.round(tShards - tWhole)} ms, merge ${Math.round(tMerge - tShards)} ms, ${m.results.length} results\n`,
    )
  })
})
