import { expect, test } from '@playwright/test'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allureStatus, writeAllureResults, type AllureResult } from '../../../src/report/allure.js'
import { link, label } from '../../../src/spec/specs.js'
import type { ResultRecord } from '../../../src/suite/result.js'
import { PNG_1x1, syntheticRun } from './synthetic-run.js'

test.describe('allure-results', () => {
  let dir: string
  let results: AllureResult[]
  const run = syntheticRun(30)

  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fapi-allure-'))
    await writeAllureResults(run, dir)
    const names = (await readdir(dir)).filter((n) => n.endsWith('-result.json'))
    results = await Promise.all(
      names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as AllureResult),
    )
  })
  test.afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const find = (r: ResultRecord) =>
    results.find((x) => x.fullName === `${r.profile}.${r.surface}.${r.id}`)!
  const labels = (a: AllureResult, name: string) =>
    a.labels.filter((l) => l.name === name).map((l) => l.value)

  test('one result file per result, with a uuid file name', async () => {
    expect(results).toHaveLength(run.results.length)
    for (const a of results) expect(a.uuid).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('status mapping', () => {
    expect(allureStatus('failed')).toBe('failed')
    expect(allureStatus('error')).toBe('broken')
    expect(allureStatus('warning')).toBe('passed')
    expect(allureStatus('info')).toBe('passed')
    expect(allureStatus('not_applicable')).toBe('skipped')
    expect(allureStatus('skipped')).toBe('skipped')
    expect(allureStatus('passed')).toBe('passed')
    for (const r of run.results) {
      const a = find(r)
      expect(a.status, r.id).toBe(allureStatus(r.status))
      expect(a.stage).toBe('finished')
      if (r.status === 'warning') {
        expect(labels(a, 'warning')).toEqual([r.message])
        expect(a.statusDetails.message).toMatch(/^warning: /)
        expect(a.descriptionHtml).toContain('Warning:')
      }
      if (r.status === 'info') {
        expect(labels(a, 'tag')).toContain('informational')
        expect(labels(a, 'informational')).toEqual([r.message])
        expect(labels(a, 'warning')).toEqual([])
        expect(a.statusDetails.message).toMatch(/^info: \[/)
        expect(a.descriptionHtml).toContain(
          '<strong>Informational:</strong> the server does not use this optional behaviour',
        )
      } else {
        expect(labels(a, 'tag')).not.toContain('informational')
      }
      if (r.status === 'not_applicable')
        expect(a.statusDetails.message).toBe(`not applicable: ${r.message}`)
      if (r.status === 'failed') expect(a.statusDetails.message).toContain(`[${r.level}]`)
    }
  })

  test('labels: suites, severity, tags, one requirement label per id', () => {
    for (const r of run.results) {
      const a = find(r)
      expect(labels(a, 'parentSuite')).toHaveLength(1)
      expect(labels(a, 'parentSuite')[0]).not.toBe('')
      expect(labels(a, 'suite')).toEqual([
        {
          discovery: 'Discovery',
          'client-authentication': 'Client authentication',
          mtls: 'Mutual TLS',
          ciba: 'CIBA',
          'redirect-flows': 'Redirect flows',
          dpop: 'DPoP',
        }[r.surface],
      ])
      expect(labels(a, 'severity')).toEqual([
        { shall: 'critical', should: 'normal', may: 'minor' }[r.level],
      ])
      expect(labels(a, 'requirement')).toEqual(r.requirements)
      expect(labels(a, 'tag')).toContain(r.profile)
    }
    expect(
      labels(find(run.results.find((r) => r.profile === 'fapi1-advanced')!), 'parentSuite'),
    ).toEqual(['FAPI 1.0 Part 2: Advanced (Final)'])
  })

  test('links: one spec link per known requirement id, via link() and label()', () => {
    for (const r of run.results) {
      const a = find(r)
      const known = r.requirements.filter((id) => {
        try {
          link(id)
          return true
        } catch {
          return false
        }
      })
      expect(a.links).toEqual(known.map((id) => ({ name: label(id), url: link(id), type: 'spec' })))
    }
  })

  test('steps: one per check outcome, named <check id> [<req ids>]', () => {
    for (const r of run.results) {
      const a = find(r)
      expect(a.steps.map((s) => s.name)).toEqual(
        r.checks.map((c) => `${c.check} [${c.requirements.join(', ')}]`),
      )
      r.checks.forEach((c, i) =>
        expect(a.steps[i]!.status).toBe(
          c.status === 'error'
            ? 'broken'
            : c.status === 'warning' || c.status === 'info'
              ? 'passed'
              : c.status,
        ),
      )
    }
  })

  test('attachments: one per exchange, outcomes.json, screenshots as PNG', async () => {
    for (const r of run.results) {
      const a = find(r)
      const names = a.attachments.map((x) => x.name)
      expect(names).toEqual([
        ...r.exchanges.map((e, n) => `exchange-${n + 1}-${e.purpose}.json`),
        'outcomes.json',
        ...(r.attachments ?? []).map((x) => x.name),
      ])
      const first = a.attachments[0]!
      const body = JSON.parse(await readFile(join(dir, first.source), 'utf8'))
      if (r.exchanges.length)
        expect(body).toMatchObject({
          purpose: r.exchanges[0]!.purpose,
          request: { method: r.exchanges[0]!.request.method },
          jwts: r.exchanges[0]!.jwts,
        })
      for (const x of a.attachments)
        expect(x.source).toMatch(new RegExp(`^${a.uuid}-\\d+-attachment\\.(json|png)$`))
    }
    const shot = find(run.results.find((r) => r.attachments)!).attachments.find(
      (x) => x.type === 'image/png',
    )!
    expect(await readFile(join(dir, shot.source))).toEqual(Buffer.from(PNG_1x1, 'base64'))
  })

  test('historyId is stable from profile and id', async () => {
    const again = await mkdtemp(join(tmpdir(), 'fapi-allure-'))
    try {
      await writeAllureResults(run, again)
      const second = await Promise.all(
        (await readdir(again))
          .filter((n) => n.endsWith('-result.json'))
          .map(async (n) => JSON.parse(await readFile(join(again, n), 'utf8')) as AllureResult),
      )
      for (const a of results)
        expect(second.find((b) => b.fullName === a.fullName)!.historyId).toBe(a.historyId)
      expect(new Set(results.map((a) => a.historyId)).size).toBe(results.length)
    } finally {
      await rm(again, { recursive: true, force: true })
    }
  })

  test('environment.properties, executor.json and categories.json', async () => {
    const env = await readFile(join(dir, 'environment.properties'), 'utf8')
    expect(env).toContain('Target\\ issuer=https\\://as.example.com')
    const executor = JSON.parse(await readFile(join(dir, 'executor.json'), 'utf8'))
    expect(executor.reportName).toContain(run.target.issuer)
    const categories = JSON.parse(await readFile(join(dir, 'categories.json'), 'utf8')) as Array<{
      name: string
      matchedStatuses: string[]
    }>
    expect(categories.find((c) => c.matchedStatuses.includes('broken'))).toBeTruthy()
    expect(categories.filter((c) => c.matchedStatuses.includes('failed'))).toHaveLength(3)
    const informational = categories.find((c) => c.name.startsWith('Informational')) as
      { matchedStatuses: string[]; messageRegex: string } | undefined
    expect(informational).toMatchObject({
      matchedStatuses: ['passed'],
      messageRegex: '(?s)info: .*',
    })
  })

  test('descriptions are HTML-escaped', () => {
    const failed = find(run.results.find((r) => r.status === 'failed')!)
    expect(failed.descriptionHtml).not.toContain('<script>')
    expect(failed.descriptionHtml).toContain('&lt;script&gt;')
  })
})
