/**
 * Issue #8: a `may` the server does not use is informational, not a warning. An `info` result
 * (its worst check a missed may) is its own category everywhere a status is shown or counted:
 * never passed, never a warning, judged, and never a reason for a non-zero exit code.
 */
import { expect, test } from '@playwright/test'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCode, summaryLine, summaryTable } from '../../../src/cli/run.js'
import { allureStatus, writeAllureResults, type AllureResult } from '../../../src/report/allure.js'
import { STATUS_WORD } from '../../../src/report/common.js'
import { coverage, profileCoverage, unproven } from '../../../src/report/coverage.js'
import { renderJunit } from '../../../src/report/junit.js'
import { asFarAs, requirementMatrix, VERDICT_WORD } from '../../../src/report/matrix.js'
import { conclusion, renderSummary } from '../../../src/report/summary.js'
import type { Level, RequirementId } from '../../../src/spec/requirements.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import type { CheckOutcome, ResultRecord, RunResults, Status } from '../../../src/suite/result.js'
import { summarize, worstStatus } from '../../../src/suite/result.js'
import { findAll, parseXml } from './xml.js'

type Req = RequirementId

function check(
  check: string,
  requirements: string[],
  status: CheckOutcome['status'],
  level: Level,
): CheckOutcome {
  return {
    check,
    title: check,
    requirements: requirements as Req[],
    level,
    status,
    message: `${check} ${status}`,
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
    message: 'as expected',
    durationMs: 1,
    surface: 'mtls',
    checks: [],
    exchanges: [],
    ...o,
  }
}

function runOf(results: ResultRecord[], profiles: ProfileId[] = ['fapi1-advanced']): RunResults {
  return {
    tool: { name: 'fapi-harness', version: '0.1.0' },
    target: { issuer: 'https://as.example.com', embedded: false },
    profiles,
    startedAt: '2025-01-15T10:00:00.000Z',
    durationMs: 10,
    summary: summarize(results),
    results,
  }
}

/** mtls-metadata-auth-methods against a server that does not list self_signed_tls_client_auth. */
const methods = result('mtls-metadata-auth-methods', 'info', {
  requirements: ['RFC8705-2' as Req],
  level: 'may',
  message: 'self_signed_tls_client_auth is not listed',
  checks: [check('mtls-auth-methods-advertised', ['RFC8705-2'], 'info', 'may')],
})
/** A shall-level module that passed: the profile proved something. */
const shall = result('auth-method-client-secret-basic', 'passed', {
  surface: 'client-authentication',
  checks: [check('attempt-refused', ['FAPI1-ADV-5.2.2-14'], 'passed', 'shall')],
})
/** One module, one requirement: a shall check passed, a may check citing the same clause missed. */
const mixed = result('mixed', 'info', {
  requirements: ['RFC8705-5' as Req, 'RFC6749-5.2' as Req],
  checks: [
    check('a', ['RFC6749-5.2'], 'passed', 'shall'),
    check('b', ['RFC8705-5', 'RFC6749-5.2'], 'info', 'may'),
  ],
})

test.describe('result status precedence', () => {
  test('worstStatus: failed > error > warning > info > passed', () => {
    const s = (...xs: CheckOutcome['status'][]) => worstStatus(xs.map((status) => ({ status })))
    expect(s('passed', 'info')).toBe('info')
    expect(s('info', 'warning', 'passed')).toBe('warning')
    expect(s('info', 'error')).toBe('error')
    expect(s('info', 'error', 'failed')).toBe('failed')
    expect(s('passed')).toBe('passed')
    expect(s()).toBe('passed')
  })
})

test.describe('results.json', () => {
  test('summarize counts info on its own: not passed, not a warning', () => {
    const s = summarize([methods, shall, result('w', 'warning'), result('x', 'info')])
    expect(s).toEqual({
      passed: 1,
      failed: 0,
      expectedFailures: 0,
      warnings: 1,
      info: 2,
      skipped: 0,
      notApplicable: 0,
      errors: 0,
    })
  })

  test('coverage: an info result is judged; a requirement with only info views is informational', () => {
    const c = profileCoverage([methods, shall])
    expect(c.modules).toEqual({
      total: 2,
      judged: 2,
      passed: 1,
      failed: 0,
      expectedFailures: 0,
      warnings: 0,
      info: 1,
      notApplicable: 0,
      skipped: 0,
      errors: 0,
    })
    expect(c.requirements.map((r) => [r.id, r.level, r.verdict])).toEqual([
      ['FAPI1-ADV-5.2.2-14', 'shall', 'passed'],
      ['RFC8705-2', 'may', 'informational'],
    ])
    expect(c.shall).toEqual({
      total: 1,
      judged: 1,
      inconclusive: 0,
      notApplicable: 0,
      notTested: 0,
    })
  })

  test('a shall requirement whose shall-level view is info (a may check citing it missed too) is judged, and informational', () => {
    expect(asFarAs(mixed, 'RFC6749-5.2')).toMatchObject({ status: 'info', level: 'shall' })
    expect(asFarAs(mixed, 'RFC8705-5')).toMatchObject({ status: 'info', level: 'may' })
    const c = profileCoverage([mixed])
    expect(c.shall).toEqual({
      total: 1,
      judged: 1,
      inconclusive: 0,
      notApplicable: 0,
      notTested: 0,
    })
    expect(c.requirements.find((r) => r.id === 'RFC6749-5.2')).toEqual({
      id: 'RFC6749-5.2',
      level: 'shall',
      verdict: 'informational',
      results: ['mixed'],
    })
    expect(unproven(coverage([mixed], ['fapi1-advanced']))).toEqual([])
  })

  test('matrix: informational ranks after inconclusive and before passed', () => {
    const rows = requirementMatrix(
      [
        methods,
        shall,
        result('e', 'error', {
          requirements: ['RFC6749-5.2' as Req],
          errorCode: 'ERR_PRECONDITION',
        }),
      ],
      { byVerdict: true },
    )
    expect(rows.map((r) => r.verdict)).toEqual(['inconclusive', 'informational', 'passed'])
    expect(VERDICT_WORD.informational).toBe('Informational')
    expect(STATUS_WORD.info).toBe('Informational')
  })
})

test.describe('exit code and terminal', () => {
  test('info never fails the run: 0 with a shall requirement judged, 3 when nothing at shall level was', () => {
    expect(exitCode(runOf([methods, shall]))).toEqual({ code: 0 })
    expect(exitCode(runOf([methods])).code).toBe(3)
    expect(exitCode(runOf([mixed]))).toEqual({ code: 0 })
  })

  test('the summary table has an info column, counted apart from passed and warning', () => {
    const run = runOf(
      [methods, shall, result('w', 'warning'), result('o', 'info', { profile: 'oauth2' })],
      ['oauth2', 'fapi1-advanced'],
    )
    const lines = summaryTable(run)
    expect(lines[0]).toMatch(
      /^profile\s+passed\s+failed\s+warning\s+info\s+n\/a\s+skipped\s+error$/,
    )
    expect(lines.find((l) => l.startsWith('oauth2'))).toMatch(
      /^oauth2\s+0\s+0\s+0\s+1\s+0\s+0\s+0$/,
    )
    expect(lines.find((l) => l.startsWith('fapi1-advanced'))).toMatch(
      /^fapi1-advanced\s+1\s+0\s+1\s+1\s+0\s+0\s+0$/,
    )
    expect(lines.at(-1)).toMatch(/^total\s+1\s+0\s+1\s+2\s+0\s+0\s+0$/)
    expect(summaryLine(run.summary)).toBe(
      '1 passed, 0 failed, 1 warnings, 2 info, 0 not applicable, 0 errors',
    )
  })
})

test.describe('junit.xml', () => {
  test('an info result is a passing testcase with a system-out and an informational property', () => {
    const doc = parseXml(renderJunit(runOf([methods, shall])))
    const tc = findAll(doc, 'testcase').find((c) => c.attrs.name === 'mtls-metadata-auth-methods')!
    expect(findAll(tc, 'failure')).toHaveLength(0)
    expect(findAll(tc, 'error')).toHaveLength(0)
    expect(findAll(tc, 'skipped')).toHaveLength(0)
    expect(findAll(tc, 'system-out')[0]!.text).toBe(
      'INFORMATIONAL [may] RFC8705-2: the server does not use this optional behaviour: self_signed_tls_client_auth is not listed',
    )
    const props = findAll(tc, 'property').map((p) => [p.attrs.name, p.attrs.value])
    expect(props).toEqual([
      ['requirement', 'RFC8705-2'],
      ['level', 'may'],
      ['informational', 'the server does not use this optional behaviour'],
    ])
    const suite = findAll(doc, 'testsuite')[0]!
    expect(suite.attrs).toMatchObject({ tests: '2', failures: '0', errors: '0', skipped: '0' })
    const prop = (name: string) =>
      findAll(suite, 'property').find((p) => p.attrs.name === name)?.attrs.value
    expect(prop('coverage.modules.judged')).toBe('2')
    expect(prop('coverage.modules.informational')).toBe('1')
    // a passed testcase carries no informational property
    const passed = findAll(doc, 'testcase').find(
      (c) => c.attrs.name === 'auth-method-client-secret-basic',
    )!
    expect(findAll(passed, 'property').map((p) => p.attrs.name)).not.toContain('informational')
  })
})

test.describe('allure-results', () => {
  test('an info result is passed, tagged and labelled informational, in its own category', async () => {
    expect(allureStatus('info')).toBe('passed')
    const dir = await mkdtemp(join(tmpdir(), 'fapi-allure-info-'))
    try {
      await writeAllureResults(runOf([methods, shall]), dir)
      const files = (await readdir(dir)).filter((n) => n.endsWith('-result.json'))
      const all = await Promise.all(
        files.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as AllureResult),
      )
      const a = all.find((x) => x.fullName === 'fapi1-advanced.mtls.mtls-metadata-auth-methods')!
      expect(a.status).toBe('passed')
      const labels = (name: string) => a.labels.filter((l) => l.name === name).map((l) => l.value)
      expect(labels('tag')).toContain('informational')
      expect(labels('tag')).not.toContain('warning')
      expect(labels('informational')).toEqual(['self_signed_tls_client_auth is not listed'])
      expect(a.statusDetails.message).toBe(
        'info: [may] RFC8705-2: the server does not use this optional behaviour: self_signed_tls_client_auth is not listed',
      )
      expect(a.steps[0]).toMatchObject({
        status: 'passed',
        statusDetails: { message: 'info: mtls-auth-methods-advertised info' },
        parameters: expect.arrayContaining([{ name: 'verdict', value: 'info' }]),
      })
      const other = all.find((x) => x !== a)!
      expect(other.labels.filter((l) => l.name === 'tag').map((l) => l.value)).not.toContain(
        'informational',
      )
      const categories = JSON.parse(await readFile(join(dir, 'categories.json'), 'utf8')) as Array<{
        name: string
        matchedStatuses: string[]
        messageRegex?: string
      }>
      const cat = categories.find((c) => c.messageRegex === '(?s)info: .*')!
      expect(cat.matchedStatuses).toEqual(['passed'])
      expect(
        new RegExp(cat.messageRegex!.replace('(?s)', ''), 's').test(a.statusDetails.message!),
      ).toBe(true)
      expect(/^warning: /.test(a.statusDetails.message!)).toBe(false)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

test.describe('summary.html', () => {
  const run = runOf([methods, shall])
  const html = renderSummary(run)

  test('an info result has its own badge, count and legend entry', () => {
    expect(html).toContain(
      '<tr id="r-fapi1-advanced----mtls-metadata-auth-methods" data-status="info">',
    )
    expect(html).toContain(
      '<span class="badge s-info"><span aria-hidden="true">i</span> Informational</span>',
    )
    expect(html).toMatch(/<td data-count="info">1<\/td>/)
    expect(html).toMatch(/<td data-count="passed">1<\/td>/)
    expect(html).toMatch(/<td data-count="warning">0<\/td>/)
    expect(html).toContain('.s-info.badge,.s-informational.badge{')
    expect(html).toMatch(
      /<tr><th scope="row"><span class="badge s-info">.*?<\/span><\/th><td>Informational: the server does not use this optional behaviour/,
    )
    expect(html).toMatch(
      /<tr><th scope="row"><span class="badge s-informational">.*?<\/span><\/th><td>A test citing it was informational/,
    )
  })

  test('the matrix verdict is informational, listed among the findings; the conclusion says so', () => {
    expect(html).toContain('<tr id="req-RFC8705-2" data-verdict="informational">')
    expect(html).toContain('<span data-verdict-count="informational">1</span>')
    expect(html).toMatch(
      /<h3><span class="badge s-informational">.*?<\/span> Optional behaviour the server does not use \(informational\) \(1\)<\/h3>/,
    )
    expect(html).toContain('data-conclusion="informational"')
    expect(html).toContain(
      'No failure or warning: 1 requirement passed, 1 informational (an optional behaviour the server does not use), of 2 cited.',
    )
  })

  test('conclusion: warning and inconclusive rank before informational, informational before passed', () => {
    const rows = (rs: ResultRecord[]) => requirementMatrix(rs)
    const warned = [
      methods,
      shall,
      result('w', 'warning', { requirements: ['RFC8705-3.1' as Req], level: 'should' }),
    ]
    expect(conclusion(rows(warned), runOf(warned)).kind).toBe('warning')
    const erred = [methods, shall, result('e', 'error', { errorCode: 'ERR_PRECONDITION' })]
    expect(conclusion(rows(erred), runOf(erred)).kind).toBe('inconclusive')
    expect(conclusion(rows([shall]), runOf([shall])).kind).toBe('passed')
  })
})
