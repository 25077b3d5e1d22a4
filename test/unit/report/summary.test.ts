import { expect, test } from '@playwright/test'
import { requirementMatrix, verdictOf } from '../../../src/report/matrix.js'
import { renderSummary } from '../../../src/report/summary.js'
import type { RequirementId } from '../../../src/spec/requirements.js'
import type { ResultRecord, Status } from '../../../src/suite/result.js'
import type { Level } from '../../../src/spec/requirements.js'
import { syntheticRun } from './synthetic-run.js'

const r = (status: Status, level: Level = 'shall') => ({ status, level })

test.describe('requirement verdict', () => {
  test('failed only when a shall-level test citing it failed', () => {
    expect(verdictOf([r('passed'), r('failed')])).toBe('failed')
    expect(verdictOf([r('passed'), r('failed', 'should')])).toBe('warning')
    expect(verdictOf([r('failed', 'may')])).toBe('warning')
    expect(verdictOf([r('error'), r('failed')])).toBe('failed')
  })
  test('warning beats a harness error; an error makes it inconclusive', () => {
    expect(verdictOf([r('warning'), r('error')])).toBe('warning')
    expect(verdictOf([r('passed'), r('error')])).toBe('inconclusive')
  })
  test('informational: an info result and nothing worse; it beats passed, loses to warning and error', () => {
    expect(verdictOf([r('info', 'may')])).toBe('informational')
    expect(verdictOf([r('info'), r('not_applicable'), r('skipped')])).toBe('informational')
    expect(verdictOf([r('passed'), r('info', 'may')])).toBe('informational')
    expect(verdictOf([r('warning', 'should'), r('info', 'may')])).toBe('warning')
    expect(verdictOf([r('error'), r('info', 'may')])).toBe('inconclusive')
    expect(verdictOf([r('failed'), r('info', 'may')])).toBe('failed')
  })
  test('passed when one passed and none failed; N/A only when all are N/A', () => {
    expect(verdictOf([r('passed'), r('skipped'), r('not_applicable')])).toBe('passed')
    expect(verdictOf([r('not_applicable'), r('not_applicable')])).toBe('not_applicable')
    expect(verdictOf([r('not_applicable'), r('skipped')])).toBe('not_tested')
    expect(verdictOf([r('skipped')])).toBe('not_tested')
    expect(verdictOf([])).toBe('not_tested')
  })

  test('matrix lists every cited id once, with the results that cite it', () => {
    const run = syntheticRun(30)
    const rows = requirementMatrix(run.results)
    const cited = new Set(run.results.flatMap((x) => x.requirements))
    expect(rows.map((x) => x.requirement.id).sort()).toEqual([...cited].sort())
    for (const row of rows) {
      expect(row.results.map((x) => `${x.profile}/${x.id}`)).toEqual(
        run.results
          .filter((x) => x.requirements.includes(row.requirement.id as RequirementId))
          .map((x) => `${x.profile}/${x.id}`),
      )
      expect(row.verdict).toBe(verdictOf(row.results))
    }
    const unknown = rows.find((x) => x.requirement.id === 'FAPI1-ADV-99.9')!
    expect(unknown.requirement.known).toBe(false)
  })

  test('natural id order: 5.2.2-4 before 5.2.2-14', () => {
    const mk = (id: string): ResultRecord => ({
      ...syntheticRun(1).results[0]!,
      requirements: [id as RequirementId],
    })
    const rows = requirementMatrix([
      mk('FAPI1-ADV-5.2.2-14'),
      mk('FAPI1-BASE-5.2.2-4'),
      mk('FAPI1-ADV-5.2.2-4'),
    ])
    expect(rows.map((x) => x.requirement.id)).toEqual([
      'FAPI1-ADV-5.2.2-4',
      'FAPI1-ADV-5.2.2-14',
      'FAPI1-BASE-5.2.2-4',
    ])
  })
})

test.describe('summary.html', () => {
  const run = syntheticRun(30)
  const html = renderSummary(run, {
    reportHref: 'allure-report/index.html',
    reportLink: () => 'allure-report/index.html#testresult/abc',
  })

  test('is self-contained: no scripts, external resources or event handlers', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/@import|url\(/i)
    // only spec links point outside, and they are plain anchors
    for (const m of html.matchAll(/(?:src|href)="(https?:[^"]*)"/g)) expect(m[0]).toMatch(/^href=/)
  })

  test('server text is escaped', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  test('carries the run facts and one matrix row per cited requirement with its verdict', () => {
    expect(html).toContain(run.target.issuer)
    expect(html).toContain('https://fapi2.as.example.com')
    expect(html).toContain('fapi-harness 0.1.0')
    expect(html).toContain('2025-01-15 10:00:00 UTC')
    for (const row of requirementMatrix(run.results)) {
      expect(html).toContain(`data-verdict="${row.verdict}"`)
      expect(html).toContain(`id="req-${row.requirement.id}"`)
    }
    expect(html.match(/<tr id="r-/g)).toHaveLength(run.results.length)
    expect(html).toContain('data-conclusion="failed"')
  })

  test('without a report there is no report column', () => {
    const plain = renderSummary(run, {
      reportNote: 'Allure HTML report skipped: Java was not found',
    })
    expect(plain).not.toContain('allure-report/')
    expect(plain).toContain('Java was not found')
  })
})

test('a result failing one cited clause does not fail the other clauses it cites', async () => {
  const { requirementMatrix } = await import('../../../src/report/matrix.js')
  const base = {
    id: 'm',
    title: 'm',
    profile: 'oauth2',
    surface: 'client-authentication',
    durationMs: 1,
    exchanges: [],
    message: 'x',
  } as const
  const r = {
    ...base,
    requirements: ['RFC6749-5.1', 'RFC7523-3-3'],
    level: 'shall',
    status: 'failed',
    checks: [
      {
        check: 'attempt-accepted',
        title: '',
        requirements: ['RFC7523-3-3'],
        level: 'shall',
        status: 'passed',
        message: '',
      },
      {
        check: 'token-response-not-cacheable',
        title: '',
        requirements: ['RFC6749-5.1'],
        level: 'shall',
        status: 'failed',
        message: '',
      },
    ],
  } as never
  const rows = requirementMatrix([r])
  expect(rows.find((x) => x.requirement.id === 'RFC6749-5.1')?.verdict).toBe('failed')
  expect(rows.find((x) => x.requirement.id === 'RFC7523-3-3')?.verdict).toBe('passed')
})
