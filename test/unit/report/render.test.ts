/**
 * End-to-end rendering: writeArtifacts on a synthetic run, then summary.html and the single-file
 * Allure report opened from file:// in headless Chromium with every non-file request aborted.
 * Needs Chromium (FAPI_HARNESS_CHROMIUM, default DEFAULT_CHROMIUM); the Allure part needs Java.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findJava } from '../../../src/report/allure.js'
import {
  regenerateReport,
  writeArtifacts,
  type ArtifactsInfo,
} from '../../../src/report/artifacts.js'
import { DEFAULT_CHROMIUM } from '../../../src/suite/browser.js'
import type { RunResults } from '../../../src/suite/result.js'
import { ACCESS_TOKEN, SECRET, syntheticRun } from './synthetic-run.js'

test.describe.configure({ mode: 'serial' })

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

let dir: string
let run: RunResults
let info: ArtifactsInfo
let java: string | undefined
let browser: Browser

/** Blocks and counts every request that is not file:// (data: URLs never reach the router). */
async function offline(page: Page): Promise<string[]> {
  const aborted: string[] = []
  await page.route('**', (r) => {
    if (r.request().url().startsWith('file:')) return r.continue()
    aborted.push(r.request().url())
    return r.abort()
  })
  return aborted
}

/** Every string stored in the single-file report, its base64 data entries decoded. */
function decodedReport(html: string): string {
  const parts = [html]
  for (const m of html.matchAll(/d\('([^']+)','([A-Za-z0-9+/=]*)'\)/g))
    parts.push(Buffer.from(m[2]!, 'base64').toString('utf8'))
  return parts.join('\n')
}

test.beforeAll(async () => {
  test.setTimeout(180_000)
  java = await findJava()
  run = syntheticRun(36, ['fapi1-advanced', 'fapi2-security', 'oauth2', 'fapi-ciba'])
  dir = await mkdtemp(join(tmpdir(), 'fapi-artifacts-'))
  info = await writeArtifacts(run, dir, { allureHtml: true, secrets: [SECRET] })
  browser = await chromium.launch({
    executablePath: process.env.FAPI_HARNESS_CHROMIUM || DEFAULT_CHROMIUM,
    args: BROWSER_ARGS,
  })
})

test.afterAll(async () => {
  await browser?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('writes every artifact, and no secret reaches any of them', async () => {
  for (const f of [
    'junit.xml',
    'summary.html',
    'allure-results/environment.properties',
    'allure-results/executor.json',
    'allure-results/categories.json',
  ]) {
    expect(info.files).toContain(join(dir, f))
  }
  const results = (await readdir(join(dir, 'allure-results'))).filter((n) =>
    n.endsWith('-result.json'),
  )
  expect(results).toHaveLength(run.results.length)
  expect(Object.keys(info.ms)).toEqual(
    expect.arrayContaining(['redact', 'junit', 'allureResults', 'summary', 'total']),
  )
  if (java) {
    expect(info.warnings).toEqual([])
    expect((await stat(join(dir, 'allure-report', 'index.html'))).size).toBeGreaterThan(100_000)
    expect(await readdir(join(dir, 'allure-report'))).toEqual(['index.html'])
  } else {
    expect(info.warnings.join('\n')).toContain('Java')
  }
  const secretForms = [
    SECRET,
    encodeURIComponent(SECRET),
    Buffer.from(`client-1:${SECRET}`).toString('base64'),
    ACCESS_TOKEN,
  ]
  for (const file of info.files) {
    if (file.endsWith('.png')) continue
    let text = await readFile(file, 'utf8')
    if (file.endsWith('index.html')) text = decodedReport(text)
    for (const s of secretForms) expect(text.includes(s), `${s} in ${file}`).toBe(false)
  }
})

test('summary.html renders from file:// with JavaScript off and without any request', async ({}, testInfo) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const aborted = await offline(page)
  await page.goto(`file://${join(dir, 'summary.html')}`)
  await expect(page.locator('h1')).toHaveText('FAPI conformance report')

  const count = (k: string) => page.locator(`#counts td[data-count="${k}"]`)
  const s = run.summary
  await expect(count('passed')).toHaveText(String(s.passed))
  await expect(count('failed')).toHaveText(String(s.failed))
  await expect(count('warning')).toHaveText(String(s.warnings))
  await expect(count('info')).toHaveText(String(s.info))
  await expect(count('error')).toHaveText(String(s.errors))
  await expect(count('skipped')).toHaveText(String(s.skipped))
  await expect(count('not_applicable')).toHaveText(String(s.notApplicable))
  await expect(count('total')).toHaveText(String(run.results.length))

  // one row per result, each status spelled out, and one matrix row per cited requirement
  await expect(page.locator('table.results tbody tr[data-status]')).toHaveCount(run.results.length)
  for (const st of [
    'passed',
    'failed',
    'warning',
    'info',
    'error',
    'skipped',
    'not_applicable',
  ] as const) {
    await expect(page.locator(`table.results tr[data-status="${st}"]`)).toHaveCount(
      run.results.filter((r) => r.status === st).length,
    )
  }
  const cited = new Set(run.results.flatMap((r) => r.requirements))
  await expect(page.locator('table.matrix tbody tr[data-verdict]')).toHaveCount(cited.size)
  await expect(page.locator('#conclusion')).toContainText('Not conformant')
  await expect(page.locator('table.results').first()).toContainText('<script>alert(1)</script>')

  await page.screenshot({ path: testInfo.outputPath('summary.png'), fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: testInfo.outputPath('summary-print.png'), fullPage: true })
  expect(aborted).toEqual([])
  await context.close()
})

test('allure-report/index.html renders offline, counts match, and summary links open the result', async ({}, testInfo) => {
  test.skip(
    !java,
    'Java is not installed: allure-commandline cannot generate the HTML report (allure-results/ is still written)',
  )
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  const aborted = await offline(page)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  await page.goto(`file://${join(dir, 'allure-report', 'index.html')}`)
  await expect(page.getByText(`${run.results.length}`, { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  })
  await expect(page.getByText('test cases')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('allure-overview.png') })

  await page.goto(`file://${join(dir, 'allure-report', 'index.html')}#suites`)
  const toggle = (st: string) => page.locator(`.status-toggle [data-status="${st}"]`)
  const s = run.summary
  await expect(toggle('failed')).toHaveText(String(s.failed), { timeout: 30_000 })
  await expect(toggle('broken')).toHaveText(String(s.errors))
  // warning and info results are passed in Allure (with a label saying which)
  await expect(toggle('passed')).toHaveText(String(s.passed + s.warnings + s.info))
  await expect(toggle('skipped')).toHaveText(String(s.skipped + s.notApplicable))
  await page.screenshot({ path: testInfo.outputPath('allure-suites.png') })

  // deep link from the summary to a failed result
  const summary = await readFile(join(dir, 'summary.html'), 'utf8')
  const failed = run.results.find((r) => r.status === 'failed')!
  const href = new RegExp(
    `href="(allure-report/index\\.html#testresult/[0-9a-f]+)" data-allure="${failed.profile}\\.${failed.surface}\\.${failed.id}"`,
  ).exec(summary)?.[1]
  expect(href, 'summary links the failed result by its Allure uid').toBeTruthy()
  await page.goto(`file://${join(dir, href!)}`)
  await expect(page.getByText(`${failed.id}: ${failed.title}`).first()).toBeVisible({
    timeout: 30_000,
  })
  await expect(page.getByText('Non-conformance').first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('allure-result.png') })

  expect(aborted).toEqual([])
  expect(errors).toEqual([])
  await context.close()
})

test('regenerateReport re-renders allure-results and re-points the summary links', async () => {
  test.skip(!java, 'Java is not installed: allure-commandline cannot generate the HTML report')
  const before = await readFile(join(dir, 'summary.html'), 'utf8')
  const out = await regenerateReport(join(dir, 'allure-results'), join(dir, 'allure-report'))
  expect(out.warnings).toEqual([])
  expect(out.file).toBe(join(dir, 'allure-report', 'index.html'))
  expect(out.relinked).toBe(join(dir, 'summary.html'))
  const after = await readFile(join(dir, 'summary.html'), 'utf8')
  const links = (html: string) =>
    [...html.matchAll(/href="(allure-report\/index\.html#testresult\/[0-9a-f]+)"/g)].map(
      (m) => m[1],
    )
  expect(links(after)).toHaveLength(links(before).length)
  expect(links(after)).not.toEqual(links(before)) // the generator picks new uids every time
  const report = decodedReport(await readFile(out.file!, 'utf8'))
  for (const l of links(after))
    expect(report).toContain(`data/test-cases/${l!.split('/').pop()}.json`)
  // trends: the history of the previous single-file report was carried into the new one
  const html = await readFile(out.file!, 'utf8')
  const trend = /d\('history\/history-trend\.json','([^']*)'\)/.exec(html)
  expect(JSON.parse(Buffer.from(trend![1]!, 'base64').toString('utf8'))).toHaveLength(2)
})

test('regenerateReport refuses to clean a directory that is not a report', async () => {
  const out = await regenerateReport(join(dir, 'allure-results'), dir)
  expect(out.file).toBeUndefined()
  expect(out.warnings.join('\n')).toContain('refusing')
  expect(await readdir(dir)).toEqual(expect.arrayContaining(['junit.xml', 'summary.html']))
})
