/**
 * Issue #11: the expect file. Matching (globs, profile, variant), expected_failure as a status of
 * its own in every report, stale and expired entries, the exit codes, and a bad file's one-line
 * cause naming the field.
 */
import { expect, test } from '@playwright/test'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCode, summaryLine, summaryTable } from '../../../src/cli/run.js'
import { parseExpect, type ExpectEntry } from '../../../src/config/expect.js'
import { HarnessError } from '../../../src/errors.js'
import { writeAllureResults, type AllureResult } from '../../../src/report/allure.js'
import { profileCoverage } from '../../../src/report/coverage.js'
import {
  applyExpectations,
  expectationLines,
  globRegExp,
  keyOf,
  selects,
} from '../../../src/report/expect.js'
import { renderJunit } from '../../../src/report/junit.js'
import { requirementMatrix } from '../../../src/report/matrix.js'
import { renderSummary } from '../../../src/report/summary.js'
import type { RunResults } from '../../../src/suite/result.js'
import { rec, runOf } from './fixtures.js'

const entry = (e: Partial<ExpectEntry> & { id: string }): ExpectEntry => ({
  reason: 'AS-1 known',
  ...e,
})

test.describe('matching', () => {
  test('globs: * any characters, ? one, anchored; regex characters are literal', () => {
    expect(globRegExp('client-assertion-aud-*').test('client-assertion-aud-other-server')).toBe(
      true,
    )
    expect(globRegExp('client-assertion-aud-*').test('x-client-assertion-aud-other')).toBe(false)
    expect(globRegExp('fapi?-baseline').test('fapi1-baseline')).toBe(true)
    expect(globRegExp('a.b').test('axb')).toBe(false)
  })

  test('id, profile and every variant member the entry names; the result key has profile, id and variant', () => {
    const r = rec('auth-method-x', 'failed', {
      profile: 'fapi2-security',
      variant: { sender: 'mtls', client_auth: 'private_key_jwt' },
    })
    expect(keyOf(r)).toBe('fapi2-security/auth-method-x[client_auth=private_key_jwt,sender=mtls]')
    expect(selects(entry({ id: 'auth-method-*' }), r)).toBe(true)
    expect(selects(entry({ id: 'auth-method-*', profile: 'fapi2-*' }), r)).toBe(true)
    expect(selects(entry({ id: 'auth-method-*', profile: 'oauth2' }), r)).toBe(false)
    expect(selects(entry({ id: 'auth-method-x', variant: { sender: 'mtls' } }), r)).toBe(true)
    expect(selects(entry({ id: 'auth-method-x', variant: { sender: 'dpop' } }), r)).toBe(false)
    expect(selects(entry({ id: 'auth-method-x', variant: { grant: 'x' } }), r)).toBe(false)
  })
})

test.describe('applying', () => {
  const records = [
    rec('a-one', 'failed'),
    rec('a-two', 'failed'),
    rec('b-pass', 'passed'),
    rec('c-fail', 'failed'),
  ]

  test('a listed failure becomes expected_failure with the reason; others stay; stale and expired entries are reported', () => {
    const { records: out, report } = applyExpectations(
      records,
      [
        entry({ id: 'a-*', reason: 'ticket 1', until: '2026-02-01' }),
        entry({ id: 'b-pass' }),
        entry({ id: 'gone' }),
        entry({ id: 'c-fail', until: '2026-01-09' }),
      ],
      'expect.yaml',
      '2026-01-10',
    )
    expect(out.map((r) => r.status)).toEqual([
      'expected_failure',
      'expected_failure',
      'passed',
      'failed',
    ])
    expect(out[0]!.expectation).toEqual({ reason: 'ticket 1', until: '2026-02-01', entry: 0 })
    expect(report.entries[0]).toMatchObject({ matched: ['oauth2/a-one', 'oauth2/a-two'] })
    expect(report.entries[0]!.stale).toBeUndefined()
    expect(report.entries[1]).toMatchObject({
      stale: 'no-longer-fails',
      selected: ['oauth2/b-pass'],
      matched: [],
    })
    expect(report.entries[2]).toMatchObject({ stale: 'matched-nothing' })
    // past its until date: no longer applies, the failure counts again
    expect(report.entries[3]).toMatchObject({ expired: true, matched: [] })
    expect(report.entries[3]!.stale).toBeUndefined()
  })

  test('the until day itself still applies', () => {
    const { records: out } = applyExpectations(
      [rec('c-fail', 'failed')],
      [entry({ id: 'c-fail', until: '2026-01-10' })],
      'f',
      '2026-01-10',
    )
    expect(out[0]!.status).toBe('expected_failure')
  })

  test('idempotent: applied again (a merge) it gives the same records; an entry no longer listed turns the result back into a failure', () => {
    const entries = [entry({ id: 'a-*' })]
    const once = applyExpectations(records, entries, 'f', '2026-01-10')
    const twice = applyExpectations(once.records, entries, 'f', '2026-01-10')
    expect(twice.records).toEqual(once.records)
    expect(twice.report).toEqual(once.report)
    const none = applyExpectations(once.records, [], 'f', '2026-01-10')
    expect(none.records).toEqual(records)
  })

  test('an entry duplicating an earlier one is not stale, the first entry claims the failure', () => {
    const { report } = applyExpectations(
      [rec('c-fail', 'failed')],
      [entry({ id: 'c-*' }), entry({ id: 'c-fail' })],
      'f',
      '2026-01-10',
    )
    expect(report.entries[0]!.matched).toEqual(['oauth2/c-fail'])
    expect(report.entries[1]!.matched).toEqual([])
    expect(report.entries[1]!.stale).toBeUndefined()
  })

  test('terminal lines name expected, stale and expired entries', () => {
    const { report } = applyExpectations(
      records,
      [entry({ id: 'a-one' }), entry({ id: 'gone' }), entry({ id: 'c-fail', until: '2025-12-31' })],
      'expect.yaml',
      '2026-01-10',
    )
    const lines = expectationLines(report).join('\n')
    expect(lines).toContain(
      'Expect file expect.yaml: 1 expected failure from 3 entries; 1 stale, 1 expired',
    )
    expect(lines).toMatch(/EXPECTED oauth2\/a-one: AS-1 known/)
    expect(lines).toMatch(/STALE +#2 \*\/gone: matched no result of this run/)
    expect(lines).toMatch(/EXPIRED +#3 \*\/c-fail: past 2025-12-31/)
  })
})

test.describe('exit codes', () => {
  test('0 when every failure is expected (and coverage holds); 1 on any other failure; 3 still applies', () => {
    const { records: all } = applyExpectations(
      [rec('a', 'failed'), rec('b', 'passed')],
      [entry({ id: 'a' })],
      'f',
      '2026-01-10',
    )
    expect(exitCode(runOf(all))).toEqual({ code: 0 })
    const { records: some } = applyExpectations(
      [rec('a', 'failed'), rec('c', 'failed'), rec('b', 'passed')],
      [entry({ id: 'a' })],
      'f',
      '2026-01-10',
    )
    expect(exitCode(runOf(some)).code).toBe(1)
    // an expected failure judged the server: its shall requirement counts as judged, never "nothing proven"
    const { records: only } = applyExpectations(
      [rec('a', 'failed')],
      [entry({ id: 'a' })],
      'f',
      '2026-01-10',
    )
    expect(exitCode(runOf(only)).code).toBe(0)
    const na = applyExpectations(
      [rec('a', 'failed'), rec('n', 'not_applicable', { profile: 'oidc', checks: [] })],
      [entry({ id: 'a' })],
      'f',
      '2026-01-10',
    ).records
    expect(exitCode(runOf(na, ['oauth2', 'oidc'])).code).toBe(3)
  })

  test('with a baseline, failures it already had are known; a new one is a regression', () => {
    const run = runOf([rec('a', 'failed'), rec('b', 'failed')])
    expect(exitCode(run, { known: new Set(['oauth2/a', 'oauth2/b']) })).toEqual({ code: 0 })
    const r = exitCode(run, { known: new Set(['oauth2/a']) })
    expect(r.code).toBe(1)
    expect(r.cause).toMatch(/^1 regression against the baseline, e\.g\. oauth2\/b/)
  })

  test("a shard does not judge coverage (exit 3 is the merge's question)", () => {
    const run = runOf([rec('n', 'not_applicable', { checks: [] })])
    expect(exitCode(run).code).toBe(3)
    expect(exitCode(run, { shard: true }).code).toBe(0)
  })
})

test.describe('reports show expected failures apart', () => {
  const applied = applyExpectations(
    [rec('a-one', 'failed'), rec('b-pass', 'passed'), rec('c-fail', 'failed')],
    [
      entry({ id: 'a-one', reason: 'AS-42 <aud> fix pending', until: '2026-03-01' }),
      entry({ id: 'gone' }),
    ],
    'ci/expect.yaml',
    '2026-01-10',
  )
  const run: RunResults = { ...runOf(applied.records), expectations: applied.report }

  test('summary counts and terminal table: an expected column, not failed, not passed', () => {
    expect(run.summary).toMatchObject({ passed: 1, failed: 1, expectedFailures: 1 })
    const lines = summaryTable(run)
    expect(lines[0]).toMatch(
      /^profile\s+passed\s+failed\s+expected\s+warning\s+info\s+n\/a\s+skipped\s+error$/,
    )
    expect(lines.at(-1)).toMatch(/^total\s+1\s+1\s+1\s+0\s+0\s+0\s+0\s+0$/)
    expect(summaryLine(run.summary)).toBe(
      '1 passed, 1 failed, 1 expected failures, 0 warnings, 0 info, 0 not applicable, 0 errors',
    )
    // without expected failures the table is as before
    expect(summaryTable(runOf([rec('b', 'passed')]))[0]).not.toContain('expected')
  })

  test('the requirement stays failed (the expect file excuses the run, not the server); coverage counts it judged', () => {
    const rows = requirementMatrix([applied.records[0]!])
    expect(rows[0]!.verdict).toBe('failed')
    expect(rows[0]!.results[0]!.status).toBe('expected_failure')
    expect(profileCoverage([applied.records[0]!]).modules).toMatchObject({
      judged: 1,
      failed: 0,
      expectedFailures: 1,
    })
  })

  test('junit: skipped with "expected failure" and the reason as a property; not counted as a failure', () => {
    const xml = renderJunit(run)
    expect(xml).toMatch(/<testsuites [^>]*tests="3" failures="1" errors="0" skipped="1"/)
    expect(xml).toMatch(
      /<skipped message="expected failure: \[shall\] RFC7523-3-3: a-one failed \(expect file: AS-42 &lt;aud&gt; fix pending, until 2026-03-01\)"\/>/,
    )
    expect(xml).toContain(
      '<property name="expected_failure" value="AS-42 &lt;aud&gt; fix pending"/>',
    )
  })

  test('summary.html: its own badge and count, the reason by the result, the expect file entries with the stale one', () => {
    const html = renderSummary(run)
    expect(html).toContain('data-count="expected_failure">1<')
    expect(html).toMatch(/data-status="expected_failure"/)
    expect(html).toContain(
      'expected failure (expect file entry 1): AS-42 &lt;aud&gt; fix pending; until 2026-03-01',
    )
    expect(html).toMatch(
      /<table class="expectations small" id="expectations"><caption>Expect file <span class="mono">ci\/expect.yaml<\/span>: 2 entries, 1 stale, 0 expired/,
    )
    expect(html).toContain('stale: matched no result')
    expect(html).toContain('Not conformant: 1 requirement failed at shall level (of 1 cited).')
    const onlyListed = renderSummary({
      ...runOf([applied.records[0]!, applied.records[1]!]),
      expectations: applied.report,
    })
    expect(onlyListed).toContain(
      'Not conformant: 1 requirement failed at shall level (of 1 cited); 1 of them only in expected failures (listed in the expect file).',
    )
  })

  test('Allure: skipped, known, tagged expected-failure, in its own category', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fapi-expect-allure-'))
    try {
      await writeAllureResults(run, dir)
      const files = (await readdir(dir)).filter((f) => f.endsWith('-result.json'))
      const results = await Promise.all(
        files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as AllureResult),
      )
      const xf = results.find((r) => r.name.startsWith('a-one'))!
      expect(xf.status).toBe('skipped')
      expect(xf.statusDetails.known).toBe(true)
      expect(xf.statusDetails.message).toMatch(/^expected failure: \[shall\]/)
      expect(xf.labels).toContainEqual({ name: 'tag', value: 'expected-failure' })
      expect(results.find((r) => r.name.startsWith('c-fail'))!.status).toBe('failed')
      const cats = JSON.parse(await readFile(join(dir, 'categories.json'), 'utf8')) as Array<{
        name: string
        matchedStatuses: string[]
        messageRegex?: string
      }>
      const cat = cats.find((c) => c.name.startsWith('Expected failures'))!
      expect(
        new RegExp(cat.messageRegex!.replace('(?s)', ''), 's').test(xf.statusDetails.message!),
      ).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

test.describe('the file', () => {
  const bad = (text: string, file = 'expect.yaml'): string => {
    try {
      parseExpect(text, file)
    } catch (e) {
      expect(e).toBeInstanceOf(HarnessError)
      expect((e as HarnessError).code).toBe('ERR_CONFIG_INVALID')
      expect((e as HarnessError).message).not.toContain('\n')
      return (e as HarnessError).message
    }
    throw new Error('no error')
  }

  test('YAML and JSON; until read as a date string', () => {
    expect(
      parseExpect(
        'expected_failures:\n  - id: a-*\n    profile: oauth2\n    variant: { client_auth: private_key_jwt }\n    reason: AS-1\n    until: 2026-03-31\n',
        'x.yaml',
      ).expected_failures[0],
    ).toEqual({
      id: 'a-*',
      profile: 'oauth2',
      variant: { client_auth: 'private_key_jwt' },
      reason: 'AS-1',
      until: '2026-03-31',
    })
    expect(
      parseExpect('{"expected_failures":[{"id":"a","reason":"r"}]}', 'x.json').expected_failures,
    ).toHaveLength(1)
    expect(parseExpect('expected_failures: []\n', 'x.yaml').expected_failures).toEqual([])
  })

  test('a bad file names the field', () => {
    expect(bad('expected_failures:\n  - id: a\n')).toBe(
      "expect.yaml: /expected_failures/0: must have required property 'reason'",
    )
    expect(bad('expected_failures:\n  - id: a\n    reason: r\n    untill: 2026-01-01\n')).toBe(
      'expect.yaml: /expected_failures/0: unknown property "untill"',
    )
    expect(bad('expected_failures:\n  - id: a\n    reason: r\n    until: 31.12.2026\n')).toMatch(
      /^expect\.yaml: \/expected_failures\/0\/until: must match pattern/,
    )
    expect(bad('expected_failures:\n  - id: a\n    reason: r\n    until: 2026-02-30\n')).toBe(
      'expect.yaml: /expected_failures/0/until: 2026-02-30 is not a date',
    )
    expect(bad('expected_failures:\n  - id: a\n    reason: "  "\n')).toMatch(
      /^expect\.yaml: \/expected_failures\/0\/reason: must match pattern/,
    )
    expect(bad('failures: []\n')).toMatch(/^expect\.yaml: \/: /)
    expect(bad('expected_failures: [\n')).toMatch(/^expect\.yaml is not valid YAML: /)
  })
})
