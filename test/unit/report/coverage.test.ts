import { expect, test } from '@playwright/test'
import { coverageLines, exitCode, textTable } from '../../../src/cli/run.js'
import {
  coverage,
  moduleCounts,
  profileCoverage,
  requirementRow,
  shallStanding,
  unproven,
  unprovenReason,
} from '../../../src/report/coverage.js'
import { errorMessage, renderJunit } from '../../../src/report/junit.js'
import { asFarAs, causeOf, requirementMatrix } from '../../../src/report/matrix.js'
import { conclusion, coverageTable, renderSummary } from '../../../src/report/summary.js'
import type { Level, RequirementId } from '../../../src/spec/requirements.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import type { CheckOutcome, ResultRecord, RunResults, Status } from '../../../src/suite/result.js'
import { summarize } from '../../../src/suite/result.js'
import { syntheticRun } from './synthetic-run.js'
import { findAll, parseXml } from './xml.js'

type Req = RequirementId

function check(
  requirements: string[],
  status: CheckOutcome['status'],
  level: Level = 'shall',
  message = 'as expected',
): CheckOutcome {
  return {
    check: `c-${requirements.join('-')}`,
    title: 't',
    requirements: requirements as Req[],
    level,
    status,
    message,
  }
}

function result(id: string, status: Status, o: Partial<ResultRecord> = {}): ResultRecord {
  return {
    id,
    title: id,
    profile: 'fapi1-advanced',
    requirements: ['FAPI1-ADV-5.2.2-14' as Req],
    level: 'shall',
    status,
    message: status === 'error' ? 'control refused: HTTP 400 invalid_scope' : 'as expected',
    durationMs: 1,
    surface: 'client-authentication',
    checks: [],
    exchanges: [],
    ...(status === 'error' ? { errorCode: 'ERR_PRECONDITION' } : {}),
    ...o,
  }
}

function runOf(
  results: ResultRecord[],
  profiles: ProfileId[] = ['fapi1-advanced'],
  o: Partial<RunResults> = {},
): RunResults {
  return {
    tool: { name: 'fapi-harness', version: '0.1.0' },
    target: { issuer: 'https://as.example.com', embedded: false },
    profiles,
    startedAt: '2025-01-15T10:00:00.000Z',
    durationMs: 10,
    summary: summarize(results),
    results,
    ...o,
  }
}

/** An ERR_PRECONDITION result: its control request was refused; it keeps its requirements and level, and passed a check on the way. */
const precondition = result('client-assertion-alg-rs256', 'error', {
  requirements: ['FAPI1-ADV-8.6' as Req, 'RFC6749-5.2' as Req],
  checks: [check(['RFC6749-5.2'], 'passed'), check(['FAPI1-ADV-8.6'], 'passed')],
})

test.describe('matrix: error results are inconclusive', () => {
  test('asFarAs keeps an error result `error` for every requirement, even one a passed check cites', () => {
    expect(asFarAs(precondition, 'RFC6749-5.2').status).toBe('error')
    expect(asFarAs(precondition, 'FAPI1-ADV-8.6').status).toBe('error')
    const judged = result('m', 'failed', {
      requirements: ['RFC6749-5.2' as Req, 'RFC6749-5.1' as Req],
      checks: [check(['RFC6749-5.2'], 'passed'), check(['RFC6749-5.1'], 'failed')],
    })
    expect(asFarAs(judged, 'RFC6749-5.2').status).toBe('passed')
  })

  test('causeOf names the result, its ERR_* code and message; an undecidable check in a judged result gives the check message', () => {
    expect(causeOf(precondition, 'FAPI1-ADV-8.6')).toEqual({
      profile: 'fapi1-advanced',
      id: 'client-assertion-alg-rs256',
      errorCode: 'ERR_PRECONDITION',
      message: 'control refused: HTTP 400 invalid_scope',
    })
    const partly = result('m', 'warning', {
      requirements: ['RFC6749-5.2' as Req, 'RFC6749-5.1' as Req],
      checks: [
        check(['RFC6749-5.2'], 'error', 'shall', 'no body to judge'),
        check(['RFC6749-5.1'], 'warning', 'should'),
      ],
    })
    expect(causeOf(partly, 'RFC6749-5.2')).toEqual({
      profile: 'fapi1-advanced',
      id: 'm',
      message: 'c-RFC6749-5.2: no body to judge',
    })
    expect(causeOf(partly, 'RFC6749-5.1')).toBeUndefined()
    expect(causeOf(result('p', 'passed'), 'FAPI1-ADV-5.2.2-14')).toBeUndefined()
  })

  test('a requirement cited only by an error result is inconclusive, with its causes; never passed', () => {
    const rows = requirementMatrix([
      precondition,
      result('other', 'passed', { requirements: ['FAPI1-ADV-5.2.2-14' as Req] }),
    ])
    const row = rows.find((r) => r.requirement.id === 'FAPI1-ADV-8.6')!
    expect(row.verdict).toBe('inconclusive')
    expect(row.causes.map((c) => c.id)).toEqual(['client-assertion-alg-rs256'])
    expect(rows.find((r) => r.requirement.id === 'FAPI1-ADV-5.2.2-14')).toMatchObject({
      verdict: 'passed',
      causes: [],
    })
  })
})

test.describe('coverage', () => {
  test('moduleCounts: judged is passed + failed + warning + info', () => {
    const m = moduleCounts([
      { status: 'passed' },
      { status: 'failed' },
      { status: 'warning' },
      { status: 'info' },
      { status: 'not_applicable' },
      { status: 'error' },
      { status: 'skipped' },
    ])
    expect(m).toEqual({
      total: 7,
      judged: 4,
      passed: 1,
      failed: 1,
      expectedFailures: 0,
      warnings: 1,
      info: 1,
      notApplicable: 1,
      skipped: 1,
      errors: 1,
    })
  })

  test('shallStanding: judged by any shall-level pass/fail/warning, else inconclusive, n/a, not tested; should/may views do not count', () => {
    const v = (status: Status, level: Level = 'shall') => ({ status, level })
    expect(shallStanding([v('error'), v('passed')])).toBe('judged')
    expect(shallStanding([v('error'), v('failed')])).toBe('judged')
    expect(shallStanding([v('not_applicable'), v('warning')])).toBe('judged')
    expect(shallStanding([v('error'), v('info')])).toBe('judged')
    expect(shallStanding([v('error'), v('not_applicable')])).toBe('inconclusive')
    expect(shallStanding([v('not_applicable'), v('passed', 'should')])).toBe('notApplicable')
    expect(shallStanding([v('skipped')])).toBe('notTested')
    expect(shallStanding([v('passed', 'may')])).toBeUndefined()
    expect(shallStanding([])).toBeUndefined()
  })

  test('profileCoverage counts modules and shall requirements, and lists every requirement with its verdict and causes', () => {
    const c = profileCoverage([
      result('a', 'passed', { requirements: ['RFC6749-5.2' as Req] }),
      precondition,
      result('n', 'not_applicable', { requirements: ['FAPI1-ADV-5.2.2-14' as Req] }),
      result('m', 'passed', { requirements: ['RFC7523-3-7' as Req], level: 'may' }),
    ])
    expect(c.modules).toEqual({
      total: 4,
      judged: 2,
      passed: 2,
      failed: 0,
      expectedFailures: 0,
      warnings: 0,
      info: 0,
      notApplicable: 1,
      skipped: 0,
      errors: 1,
    })
    // RFC6749-5.2 judged by `a` (the error result does not take that away); 8.6 only by the error; 5.2.2-14 only n/a; 7523-3-7 is may
    expect(c.shall).toEqual({
      total: 3,
      judged: 1,
      inconclusive: 1,
      notApplicable: 1,
      notTested: 0,
    })
    expect(c.requirements.map((r) => [r.id, r.level, r.verdict])).toEqual([
      ['FAPI1-ADV-5.2.2-14', 'shall', 'not_applicable'],
      ['FAPI1-ADV-8.6', 'shall', 'inconclusive'],
      ['RFC6749-5.2', 'shall', 'inconclusive'],
      ['RFC7523-3-7', 'may', 'passed'],
    ])
    expect(c.requirements.find((r) => r.id === 'FAPI1-ADV-8.6')).toEqual({
      id: 'FAPI1-ADV-8.6',
      level: 'shall',
      verdict: 'inconclusive',
      results: ['client-assertion-alg-rs256'],
      inconclusive: [
        {
          profile: 'fapi1-advanced',
          id: 'client-assertion-alg-rs256',
          errorCode: 'ERR_PRECONDITION',
          message: 'control refused: HTTP 400 invalid_scope',
        },
      ],
    })
    expect(c.requirements.find((r) => r.id === 'RFC6749-5.2')!.results).toEqual([
      'a',
      'client-assertion-alg-rs256',
    ])
    expect(c.requirements.find((r) => r.id === 'RFC7523-3-7')).not.toHaveProperty('inconclusive')
  })

  test('requirementRow takes the strongest level among the results citing it', () => {
    const [row] = requirementMatrix([
      result('a', 'passed', { level: 'may' }),
      result('b', 'passed', { level: 'should' }),
    ])
    expect(requirementRow(row!)).toEqual({
      id: 'FAPI1-ADV-5.2.2-14',
      level: 'should',
      verdict: 'passed',
      results: ['a', 'b'],
    })
  })

  test('coverage: every selected profile (even without results) and every profile a result names, in profile order', () => {
    const cov = coverage(
      [result('x', 'passed', { profile: 'oauth2' }), result('y', 'passed')],
      ['ciba', 'fapi1-advanced'],
    )
    expect(Object.keys(cov)).toEqual(['oauth2', 'fapi1-advanced', 'ciba'])
    expect(cov.ciba).toEqual({
      modules: moduleCounts([]),
      shall: { total: 0, judged: 0, inconclusive: 0, notApplicable: 0, notTested: 0 },
      requirements: [],
    })
    expect(cov.oauth2!.modules.total).toBe(1)
  })

  test('unproven: the profiles with no shall requirement judged, and why', () => {
    const cov = coverage(
      [result('n', 'not_applicable'), result('x', 'passed', { profile: 'oauth2' }), precondition],
      ['oauth2', 'fapi1-advanced', 'ciba'],
    )
    expect(unproven(cov)).toEqual(['fapi1-advanced', 'ciba'])
    expect(unprovenReason('fapi1-advanced', cov['fapi1-advanced']!)).toBe(
      'fapi1-advanced (2 results: 1 not applicable, 1 error; 3 shall requirements: 2 inconclusive, 1 not applicable)',
    )
    expect(unprovenReason('ciba', cov.ciba!)).toBe('ciba (no result; no shall requirement cited)')
    const mayOnly = profileCoverage([
      result('m', 'passed', { level: 'may', requirements: ['RFC7523-3-7' as Req] }),
    ])
    expect(unprovenReason('oauth2', mayOnly)).toBe(
      'oauth2 (1 result: 1 judged, none at shall level; no shall requirement cited)',
    )
  })
})

test.describe('exit code', () => {
  const passed = result('p', 'passed')
  const failed = result('f', 'failed')
  const na = result('n', 'not_applicable')
  const err = result('e', 'error')

  test('0 when every selected profile judged a shall requirement and nothing failed or errored', () => {
    expect(exitCode(runOf([passed, na]))).toEqual({ code: 0 })
  })
  test('1 when a result failed, whatever else happened', () => {
    expect(exitCode(runOf([failed, err, na], ['fapi1-advanced', 'ciba']))).toEqual({ code: 1 })
  })
  test('2 when aborted, with the abort message as cause', () => {
    expect(
      exitCode(
        runOf([failed], ['fapi1-advanced'], {
          aborted: { code: 'ERR_TARGET_UNREACHABLE', message: 'https://x: ECONNREFUSED' },
        }),
      ),
    ).toEqual({ code: 2, cause: 'https://x: ECONNREFUSED' })
  })
  test('3 when a selected profile judged no shall requirement: only n/a, only errors, or no result', () => {
    const onlyNa = exitCode(runOf([na]))
    expect(onlyNa.code).toBe(3)
    expect(onlyNa.cause).toMatch(
      /^nothing was proven for profile fapi1-advanced: no shall requirement was judged: fapi1-advanced \(1 result: 1 not applicable;/,
    )
    expect(exitCode(runOf([err])).code).toBe(3)
    const empty = exitCode(runOf([passed], ['fapi1-advanced', 'oauth2', 'ciba']))
    expect(empty.code).toBe(3)
    expect(empty.cause).toContain('profiles oauth2, ciba')
  })
  test('3 beats 2: nothing proven is said even when errors occurred', () => {
    expect(
      exitCode(
        runOf(
          [passed, err, result('o', 'error', { profile: 'oauth2' })],
          ['fapi1-advanced', 'oauth2'],
        ),
      ).code,
    ).toBe(3)
  })
  test('2 when a result ended in error but every profile judged something; the cause names it with its code', () => {
    expect(exitCode(runOf([passed, err]))).toEqual({
      code: 2,
      cause:
        '1 result could not be judged (error), e.g. fapi1-advanced/e: ERR_PRECONDITION: control refused: HTTP 400 invalid_scope',
    })
  })
})

test.describe('terminal', () => {
  test('textTable aligns columns: first left, others right, a rule under the head', () => {
    expect(
      textTable(
        ['p', 'n'],
        [
          ['oauth2', 1],
          ['x', 100],
        ],
      ),
    ).toEqual(['p         n', '------  ---', 'oauth2    1', 'x       100'])
    expect(
      textTable(
        ['p', 'n'],
        [
          ['a', 1],
          ['total', 1],
        ],
        true,
      ),
    ).toEqual(['p      n', '-----  -', 'a      1', '-----  -', 'total  1'])
  })
  test('coverageLines: per profile judged / n/a / inconclusive and shall judged of cited; flags nothing proven', () => {
    const lines = coverageLines(
      coverage(
        [
          result('p', 'passed'),
          result('n', 'not_applicable'),
          result('e', 'error'),
          result('o', 'not_applicable', { profile: 'oauth2' }),
        ],
        ['oauth2', 'fapi1-advanced'],
      ),
    )
    expect(lines[1]).toMatch(/^Coverage:/)
    expect(lines[2]).toMatch(
      /^coverage\s+judged\s+n\/a\s+inconclusive\s+shall judged\s+inconclusive\s+n\/a$/,
    )
    expect(lines.find((l) => l.startsWith('oauth2'))).toMatch(
      /^oauth2\s+0\s+1\s+0\s+0\/1\s+0\s+1\s+nothing proven$/,
    )
    expect(lines.find((l) => l.startsWith('fapi1-advanced'))).toMatch(
      /^fapi1-advanced\s+1\s+1\s+1\s+1\/1\s+0\s+0$/,
    )
  })
})

test.describe('summary.html and junit.xml show inconclusive requirements', () => {
  const run = runOf(
    [
      result('p', 'passed', { requirements: ['RFC6749-5.2' as Req] }),
      precondition,
      result('n', 'not_applicable', { profile: 'oauth2' }),
    ],
    ['fapi1-advanced', 'oauth2'],
  )

  test('coverage table: one row per profile, with counts and nothing-proven flagged', () => {
    const html = coverageTable(coverage(run.results, run.profiles))
    expect(html).toContain('<tr data-profile="fapi1-advanced">')
    expect(html).toContain('<tr data-profile="oauth2" data-nothing-proven="true">')
    expect(html).toMatch(
      /data-profile="fapi1-advanced">.*?<td data-count="judged">1<\/td><td data-count="not_applicable">0<\/td><td data-count="inconclusive">1<\/td>/,
    )
    expect(html).toMatch(
      /data-profile="fapi1-advanced">.*?<td data-count="shall-judged">1<\/td><td data-count="shall-inconclusive">1<\/td>/,
    )
  })

  test('the page names the cause of each inconclusive requirement and concludes nothing was proven for oauth2', () => {
    const html = renderSummary(run)
    expect(html).toContain('id="coverage"')
    expect(html).toContain('<code>ERR_PRECONDITION</code> control refused: HTTP 400 invalid_scope')
    expect(html).toContain('<tr id="req-FAPI1-ADV-8.6" data-verdict="inconclusive">')
    expect(html).toMatch(
      /<ul class="causes small"><li>fapi1-advanced\/client-assertion-alg-rs256: <code>ERR_PRECONDITION<\/code> control refused/,
    )
    expect(html).toContain('data-conclusion="inconclusive"')
    expect(html).toContain('Nothing was proven for profile oauth2')
  })

  test('conclusion: failed first, then nothing proven, then errors (even without requirements), then passed', () => {
    const rows = (rs: ResultRecord[]) => requirementMatrix(rs)
    const f = [result('f', 'failed')]
    expect(conclusion(rows(f), runOf(f), ['oauth2']).kind).toBe('failed')
    const bare = [
      result('p', 'passed'),
      result('x', 'error', { requirements: [], errorCode: 'ERR_INTERNAL' }),
    ]
    expect(conclusion(rows(bare), runOf(bare))).toEqual({
      kind: 'inconclusive',
      text: 'Inconclusive: 1 result ended in a harness error; 0 requirements could not be judged.',
    })
    const ok = [result('p', 'passed')]
    expect(conclusion(rows(ok), runOf(ok)).kind).toBe('passed')
  })

  test('junit: the error element leads with the ERR_* code and says which requirements are inconclusive; coverage as suite properties', () => {
    expect(errorMessage({ errorCode: 'ERR_PRECONDITION', message: 'control refused' })).toBe(
      'ERR_PRECONDITION: control refused',
    )
    expect(
      errorMessage({ errorCode: 'ERR_HTTP_TIMEOUT', message: 'ERR_HTTP_TIMEOUT: no answer' }),
    ).toBe('ERR_HTTP_TIMEOUT: no answer')
    expect(errorMessage({ message: 'boom' })).toBe('ERR_INTERNAL: boom')
    const doc = parseXml(renderJunit(run))
    const tc = findAll(doc, 'testcase').find((c) => c.attrs.name === 'client-assertion-alg-rs256')!
    const e = findAll(tc, 'error')[0]!
    expect(e.attrs.type).toBe('ERR_PRECONDITION')
    expect(e.attrs.message).toBe('ERR_PRECONDITION: control refused: HTTP 400 invalid_scope')
    expect(e.text).toContain('inconclusive: FAPI1-ADV-8.6, RFC6749-5.2 not judged')
    const suite = findAll(doc, 'testsuite').find((s) => s.attrs.name === 'fapi1-advanced')!
    const prop = (name: string) =>
      findAll(suite, 'property').find((p) => p.attrs.name === name)?.attrs.value
    expect(prop('coverage.shall.judged')).toBe('1')
    expect(prop('coverage.shall.inconclusive')).toBe('1')
    expect(prop('coverage.modules.inconclusive')).toBe('1')
  })

  test('the synthetic run: coverage agrees with the summary counts per profile', () => {
    const s = syntheticRun(40)
    const cov = coverage(s.results, s.profiles)
    for (const p of s.profiles) {
      const sum = summarize(s.results.filter((r) => r.profile === p))
      expect(cov[p]!.modules).toMatchObject({
        passed: sum.passed,
        failed: sum.failed,
        warnings: sum.warnings,
        info: sum.info,
        notApplicable: sum.notApplicable,
        skipped: sum.skipped,
        errors: sum.errors,
      })
      const sh = cov[p]!.shall
      expect(sh.judged + sh.inconclusive + sh.notApplicable + sh.notTested).toBe(sh.total)
    }
  })
})
