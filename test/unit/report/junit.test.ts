import { expect, test } from '@playwright/test'
import { renderJunit } from '../../../src/report/junit.js'
import { summarize } from '../../../src/suite/result.js'
import { syntheticRun } from './synthetic-run.js'
import { findAll, parseXml } from './xml.js'

test.describe('junit.xml', () => {
  const run = syntheticRun(40)
  const xml = renderJunit(run)
  const doc = parseXml(xml)

  test('is well-formed XML with one testsuite per profile and one testcase per result', () => {
    expect(doc.name).toBe('testsuites')
    const suites = findAll(doc, 'testsuite')
    expect(suites.map((s) => s.attrs.name)).toEqual(run.profiles)
    expect(findAll(doc, 'testcase')).toHaveLength(run.results.length)
    for (const s of suites) {
      const rs = run.results.filter((r) => r.profile === s.attrs.name)
      const cases = findAll(s, 'testcase')
      expect(cases).toHaveLength(rs.length)
      expect(Number(s.attrs.tests)).toBe(rs.length)
      expect(Number(s.attrs.failures)).toBe(rs.filter((r) => r.status === 'failed').length)
      expect(Number(s.attrs.errors)).toBe(rs.filter((r) => r.status === 'error').length)
      expect(Number(s.attrs.skipped)).toBe(
        rs.filter((r) => r.status === 'skipped' || r.status === 'not_applicable').length,
      )
    }
  })

  test('totals match the run summary', () => {
    const s = summarize(run.results)
    expect(Number(doc.attrs.tests)).toBe(run.results.length)
    expect(Number(doc.attrs.failures)).toBe(s.failed)
    expect(Number(doc.attrs.errors)).toBe(s.errors)
    expect(Number(doc.attrs.skipped)).toBe(s.skipped + s.notApplicable)
    expect(findAll(doc, 'failure')).toHaveLength(s.failed)
    expect(findAll(doc, 'error')).toHaveLength(s.errors)
    expect(findAll(doc, 'skipped')).toHaveLength(s.skipped + s.notApplicable)
  })

  test('testcase classname is <profile>.<surface> and name is the result id', () => {
    const cases = findAll(doc, 'testcase')
    run.results.forEach((r) => {
      const c = cases.find(
        (x) => x.attrs.name === r.id && x.attrs.classname === `${r.profile}.${r.surface}`,
      )
      expect(c, r.id).toBeTruthy()
    })
  })

  test('failure carries message, requirement ids and level; errors carry the error code', () => {
    const cases = findAll(doc, 'testcase')
    for (const r of run.results.filter((x) => x.status === 'failed')) {
      const f = findAll(
        cases.find((c) => c.attrs.name === r.id)!,
        'failure',
      )[0]!
      for (const id of r.requirements) expect(f.attrs.message).toContain(id)
      expect(f.attrs.message).toContain(`[${r.level}]`)
      expect(f.text).toContain(`level: ${r.level}`)
      // markup and control characters from the server survive as text, escaped
      expect(f.attrs.message).toContain('<script>alert(1)</script> & "quoted"')
      expect(f.attrs.message).not.toContain('\u0001')
    }
    for (const r of run.results.filter((x) => x.status === 'error')) {
      const e = findAll(
        cases.find((c) => c.attrs.name === r.id)!,
        'error',
      )[0]!
      expect(e.attrs.type).toBe('ERR_HTTP_TIMEOUT')
    }
  })

  test('skipped and not_applicable give the reason; warnings and info pass with a system-out', () => {
    const cases = findAll(doc, 'testcase')
    expect(run.results.some((r) => r.status === 'info')).toBe(true)
    for (const r of run.results) {
      const c = cases.find((x) => x.attrs.name === r.id)!
      if (r.status === 'info') {
        expect(
          c.children.filter((x) => !['properties', 'system-out'].includes(x.name)),
        ).toHaveLength(0)
        expect(findAll(c, 'system-out')[0]!.text).toMatch(/^INFORMATIONAL \[/)
        expect(
          findAll(c, 'property').find((p) => p.attrs.name === 'informational')?.attrs.value,
        ).toBe('the server does not use this optional behaviour')
      } else {
        expect(findAll(c, 'property').filter((p) => p.attrs.name === 'informational')).toHaveLength(
          0,
        )
      }
      if (r.status === 'not_applicable')
        expect(findAll(c, 'skipped')[0]!.attrs.message).toBe(`not applicable: ${r.message}`)
      if (r.status === 'skipped')
        expect(findAll(c, 'skipped')[0]!.attrs.message).toBe(`skipped: ${r.message}`)
      if (r.status === 'warning') {
        expect(findAll(c, 'failure')).toHaveLength(0)
        expect(findAll(c, 'system-out')[0]!.text).toMatch(/^WARNING/)
      }
      if (r.status === 'passed')
        expect(c.children.filter((x) => x.name !== 'properties')).toHaveLength(0)
    }
  })

  test('escapes hostile ids, profiles and an aborted run', () => {
    const hostile = syntheticRun(3)
    hostile.results[0]!.id = `a"b'<c>&d]]>`
    hostile.results[1]!.message = '\u0000\u001f\uD800 lone surrogate -- comment'
    hostile.aborted = { code: 'ERR_TARGET_UNREACHABLE', message: 'gone -- <away>' }
    const d = parseXml(renderJunit(hostile))
    expect(findAll(d, 'testcase').map((c) => c.attrs.name)).toContain(`a"b'<c>&d]]>`)
  })
})
