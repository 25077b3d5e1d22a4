/** Issue #11: the diff of two runs (keys, categories, regressions, requirement verdicts, Markdown) and the merge of shard outputs. */
import { expect, test } from '@playwright/test'
import { textTable } from '../../../src/cli/run.js'
import { mergeRuns } from '../../../src/cli/merge.js'
import { coverage } from '../../../src/report/coverage.js'
import { diffLines, diffMarkdown, diffRuns } from '../../../src/report/diff.js'
import { applyExpectations } from '../../../src/report/expect.js'
import type { ResultRecord, RunResults } from '../../../src/suite/result.js'
import { rec, runOf } from './fixtures.js'

const withCov = (r: RunResults): RunResults => ({ ...r, coverage: coverage(r.results, r.profiles) })

test.describe('diff', () => {
  const old = withCov(
    runOf([
      rec('stays-passed', 'passed'),
      rec('breaks', 'passed'),
      rec('gets-fixed', 'failed'),
      rec('to-error', 'passed', { requirements: ['RFC8414-2' as never], checks: [] }),
      rec('gone', 'passed', { requirements: ['RFC7591-3.2.2' as never], checks: [] }),
      rec('variant-x', 'passed', { variant: { client_auth: 'a' } }),
      rec('variant-x', 'passed', { variant: { client_auth: 'b' } }),
      rec('still-failing', 'failed'),
    ]),
  )
  const applied = applyExpectations(
    [
      rec('stays-passed', 'passed'),
      rec('breaks', 'failed'),
      rec('gets-fixed', 'passed'),
      rec('to-error', 'error', {
        requirements: ['RFC8414-2' as never],
        checks: [],
        errorCode: 'ERR_PRECONDITION',
      }),
      rec('variant-x', 'passed', { variant: { client_auth: 'a' } }),
      rec('variant-x', 'failed', { variant: { client_auth: 'b' } }),
      rec('still-failing', 'failed'),
      rec('new-and-failing', 'failed'),
      rec('new-expected', 'failed'),
      rec('new-passing', 'passed'),
    ],
    [{ id: 'new-expected', reason: 'known' }],
    'f',
    '2026-01-10',
  )
  const now = withCov(runOf(applied.records))
  const d = diffRuns(old, now, { old: 'old/results.json', new: 'new/' })

  test('categories, keyed by profile + id + variant', () => {
    const keys = (rows: Array<{ key: string }>) => rows.map((r) => r.key)
    expect(keys(d.newFailures)).toEqual([
      'oauth2/breaks',
      'oauth2/new-and-failing',
      'oauth2/new-expected',
      'oauth2/variant-x[client_auth=b]',
    ])
    expect(keys(d.regressions)).toEqual([
      'oauth2/breaks',
      'oauth2/new-and-failing',
      'oauth2/variant-x[client_auth=b]',
    ])
    expect(keys(d.fixed)).toEqual(['oauth2/gets-fixed'])
    expect(d.changed).toEqual([
      expect.objectContaining({ key: 'oauth2/to-error', old: 'passed', new: 'error' }),
    ])
    expect(keys(d.added)).toEqual([
      'oauth2/new-and-failing',
      'oauth2/new-expected',
      'oauth2/new-passing',
    ])
    expect(keys(d.removed)).toEqual(['oauth2/gone'])
    expect(d.newFailures.find((r) => r.key === 'oauth2/new-and-failing')).toMatchObject({
      added: true,
      new: 'failed',
    })
  })

  test('requirement verdicts that changed', () => {
    expect(d.requirements).toEqual([
      { profile: 'oauth2', requirement: 'RFC7591-3.2.2', old: 'passed', new: 'not_cited' },
      { profile: 'oauth2', requirement: 'RFC8414-2', old: 'passed', new: 'inconclusive' },
    ])
    // RFC7523-3-3 was failed before (still-failing) and is still failed: no change
  })

  test('terminal table and Markdown', () => {
    const lines = diffLines(d, textTable)
    expect(lines[0]).toMatch(/^change\s+result\s+status$/)
    expect(lines).toContainEqual(
      expect.stringMatching(/^REGRESSION\s+oauth2\/breaks\s+passed -> failed$/),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^new failure\s+oauth2\/new-expected\s+\(absent\) -> expected_failure$/,
      ),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^fixed\s+oauth2\/gets-fixed\s+failed -> passed$/),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^removed\s+oauth2\/gone\s+passed -> \(absent\)$/),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^requirement\s+oauth2\/RFC8414-2\s+passed -> inconclusive$/),
    )
    expect(lines.at(-1)).toBe(
      '4 new failures (3 regressions, 1 expected), 1 fixed, 1 other status changes, 3 added, 1 removed, 2 requirement verdicts changed',
    )
    const md = diffMarkdown(d)
    expect(md.split('\n')[0]).toBe('### fapi-harness: ❌ 3 regressions')
    expect(md).toContain('#### New failures (4)')
    expect(md).toContain('| `oauth2/breaks` **regression** | passed | failed | breaks failed |')
    expect(md).toContain('| `oauth2/new-expected` | — | expected_failure |')
    expect(md).toContain('#### Requirement verdicts changed (2)')
    expect(diffMarkdown(diffRuns(old, old)).split('\n')[0]).toBe(
      '### fapi-harness: ✅ no regression',
    )
    expect(diffLines(diffRuns(old, old), textTable)[0]).toBe('No change between the runs.')
  })
})

test.describe('merge', () => {
  const all: ResultRecord[] = [
    rec('a', 'passed'),
    rec('b', 'failed'),
    rec('c', 'passed', { profile: 'oidc' }),
    rec('d', 'failed', { profile: 'oidc' }),
    rec('e', 'not_applicable', { checks: [] }),
  ]
  const entries = [
    { id: 'b', reason: 'known' },
    { id: 'd', reason: 'known too' },
  ]
  const whole = applyExpectations(all, entries, 'expect.yaml', '2026-01-10')
  const shard = (idx: number, rs: ResultRecord[], startedAt: string): RunResults => {
    const a = applyExpectations(rs, entries, 'expect.yaml', '2026-01-10')
    return {
      ...runOf(a.records, ['oauth2', 'oidc']),
      startedAt,
      expectations: a.report,
      shard: { index: idx, total: 2 },
      target: {
        issuer: 'https://as.example',
        embedded: false,
        issuers: { oauth2: 'https://as.example/oauth2', oidc: 'https://as.example/oidc' },
      },
    }
  }
  const s1 = shard(1, [all[0]!, all[1]!, all[4]!], '2026-01-10T10:00:01.000Z')
  const s2 = shard(2, [all[2]!, all[3]!], '2026-01-10T10:00:00.000Z')

  test('two shards merged equal the whole, result for result; expectations judged over the whole', () => {
    const { run, warnings } = mergeRuns([
      { label: 's1', run: s1 },
      { label: 's2', run: s2 },
    ])
    expect(warnings).toEqual([])
    const key = (rs: ResultRecord[]) => rs.map((r) => `${r.profile}/${r.id}=${r.status}`).sort()
    expect(key(run.results)).toEqual(key(whole.records))
    expect(run.summary).toEqual(runOf(whole.records).summary)
    expect(run.coverage).toEqual(coverage(whole.records, ['oauth2', 'oidc']))
    // entry 2 matched nothing in shard 1 and entry 1 nothing in shard 2: neither is stale in the merge
    expect(s1.expectations!.entries[1]!.stale).toBe('matched-nothing')
    expect(run.expectations).toEqual(whole.report)
    expect(run.startedAt).toBe('2026-01-10T10:00:00.000Z')
    expect(run.merged).toEqual({ from: ['s1', 's2'], shards: ['1/2', '2/2'] })
    expect(run.profiles).toEqual(['oauth2', 'oidc'])
  })

  test('the same result twice is refused; a missing shard is a warning', () => {
    expect(() =>
      mergeRuns([
        { label: 's1', run: s1 },
        { label: 'again', run: s1 },
      ]),
    ).toThrow(/result oauth2\/a is in both s1 and again/)
    expect(mergeRuns([{ label: 's1', run: s1 }]).warnings).toEqual([
      'shard 2/2 missing: the merged run is incomplete',
    ])
  })

  test('an aborted shard aborts the merged run', () => {
    const { run } = mergeRuns([
      { label: 's1', run: { ...s1, aborted: { code: 'ERR_TARGET_UNREACHABLE', message: 'down' } } },
      { label: 's2', run: s2 },
    ])
    expect(run.aborted).toEqual({ code: 'ERR_TARGET_UNREACHABLE', message: 's1: down' })
  })
})
