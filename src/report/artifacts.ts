/**
 * The reports of a finished run, written under one directory:
 *
 * - `junit.xml`                 for CI;
 * - `allure-results/`           raw Allure 2 results (re-render with `fapi-harness report`);
 * - `allure-report/index.html`  the Allure report as one file that opens from file:// offline;
 * - `summary.html`              the compliance summary: requirement → verdict, then every result.
 *
 * Everything passes through `redact` again before it is written, whatever the caller did.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { constants } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { accessible } from './common.js'
import { redact } from '../http/redact.js'
import type { RunResults } from '../suite/result.js'
import { allureDeepLinks, carryHistory, generateAllureHtml, writeAllureResults } from './allure.js'
import { renderJunit } from './junit.js'
import { renderSummary, resultKey } from './summary.js'

export interface ArtifactsInfo {
  /** Every file written (absolute paths). */
  files: string[]
  /** Milliseconds per phase: redact, junit, allureResults, allureHtml, summary, total. */
  ms: Record<string, number>
  /** Problems that did not fail the run (e.g. no Java: the Allure HTML was skipped). */
  warnings: string[]
}

export interface ArtifactsOptions {
  /** Generate `allure-report/index.html` (needs Java). Default true. */
  allureHtml?: boolean
  /** Secret values known to the caller, masked wherever they occur. */
  secrets?: Iterable<string>
  /**
   * A previous single-file report whose history (trends, per-test history) is carried into this
   * one. Default: the `allure-report/index.html` already in `outDir`, if any.
   */
  historyFrom?: string
}

const REPORT_DIR = 'allure-report'
const RESULTS_DIR = 'allure-results'

/** Writes junit.xml, allure-results/, allure-report/index.html and summary.html under `outDir`. */
export async function writeArtifacts(
  run: RunResults,
  outDir: string,
  opts: ArtifactsOptions = {},
): Promise<ArtifactsInfo> {
  const ms: Record<string, number> = {}
  const warnings: string[] = []
  const files: string[] = []
  const t0 = performance.now()
  let t = t0
  const lap = (name: string) => {
    const now = performance.now()
    ms[name] = Math.round(now - t)
    t = now
  }

  const safe = redact(run, opts.secrets)
  lap('redact')

  const dir = resolve(outDir)
  await mkdir(dir, { recursive: true })

  const junit = join(dir, 'junit.xml')
  await writeFile(junit, renderJunit(safe))
  files.push(junit)
  lap('junit')

  // a stale allure-results/ would mix earlier runs into this report
  const resultsDir = join(dir, RESULTS_DIR)
  const reportDir = join(dir, REPORT_DIR)
  await rm(resultsDir, { recursive: true, force: true })
  const written = await writeAllureResults(safe, resultsDir)
  files.push(...written.files)
  const carried = await carryHistory(opts.historyFrom ?? join(reportDir, 'index.html'), resultsDir)
  if (carried)
    files.push(
      ...(await readdir(join(resultsDir, 'history'))).map((n) => join(resultsDir, 'history', n)),
    )
  lap('allureResults')

  let links = new Map<string, string>()
  let reportAvailable = false
  if (opts.allureHtml ?? true) {
    const html = await generateAllureHtml(resultsDir, reportDir)
    ms.allureHtml = html.ms
    if (html.warning) warnings.push(html.warning)
    if (!html.file)
      await rm(reportDir, { recursive: true, force: true }) // never a stale report
    else {
      files.push(html.file)
      reportAvailable = true
      try {
        links = await allureDeepLinks(html.file)
      } catch (e) {
        warnings.push(`Allure deep links unavailable: ${(e as Error).message}`)
      }
    }
  } else {
    // never leave a report of an earlier run next to this run's summary
    await rm(reportDir, { recursive: true, force: true })
  }
  t = performance.now()

  const summary = join(dir, 'summary.html')
  const reportHref = `${REPORT_DIR}/index.html`
  await writeFile(
    summary,
    renderSummary(safe, {
      ...(reportAvailable
        ? {
            reportHref,
            reportLink: (r) => {
              const anchor = links.get(resultKey(r))
              return anchor ? `${reportHref}${anchor}` : reportHref
            },
          }
        : {
            reportNote:
              warnings.find((w) => w.startsWith('Allure')) ??
              'The Allure HTML report was not generated for this run.',
          }),
    }),
  )
  files.push(summary)
  lap('summary')
  ms.total = Math.round(performance.now() - t0)
  return { files, ms, warnings }
}

export interface RegenerateInfo {
  /** The generated index.html, absent when it could not be generated. */
  file?: string
  ms: number
  warnings: string[]
  /** The summary.html next to the results whose report links were updated, if any. */
  relinked?: string
}

/**
 * `fapi-harness report <allure-results dir>`: renders the single-file Allure report into `outDir`
 * (`outDir/index.html`). The report's test ids are new on every generation, so a `summary.html`
 * sitting next to the results directory gets its report links pointed at the new report.
 */
export async function regenerateReport(
  allureResultsDir: string,
  outDir: string,
): Promise<RegenerateInfo> {
  const resultsDir = resolve(allureResultsDir)
  const reportDir = resolve(outDir)
  if (!(await accessible(resultsDir, constants.F_OK))) {
    return { ms: 0, warnings: [`no Allure results at ${resultsDir}`] }
  }
  if (reportDir === resultsDir || resultsDir.startsWith(reportDir + sep)) {
    return {
      ms: 0,
      warnings: [
        `refusing to generate into ${reportDir}: it contains the results (generation cleans its output directory)`,
      ],
    }
  }
  const foreign = await foreignEntries(reportDir)
  if (foreign.length) {
    return {
      ms: 0,
      warnings: [
        `refusing to generate into ${reportDir}: generation cleans its output directory, and it holds files that are not an Allure report (${foreign.slice(0, 3).join(', ')})`,
      ],
    }
  }
  await carryHistory(join(reportDir, 'index.html'), resultsDir)
  const html = await generateAllureHtml(resultsDir, reportDir)
  const info: RegenerateInfo = { ms: html.ms, warnings: html.warning ? [html.warning] : [] }
  if (!html.file) return info
  info.file = html.file
  const summary = join(dirname(resultsDir), 'summary.html')
  if (await accessible(summary, constants.F_OK)) {
    const links = await allureDeepLinks(html.file)
    const href = relative(dirname(summary), html.file).split(sep).join('/')
    const text = await readFile(summary, 'utf8')
    const updated = relinkSummary(text, href, links)
    if (updated !== text) {
      await writeFile(summary, updated)
      info.relinked = summary
    }
  }
  return info
}

/** What an Allure report directory may contain (single-file or classic); anything else is not ours to delete. */
const REPORT_ENTRIES = new Set([
  'index.html',
  'app.js',
  'styles.css',
  'favicon.ico',
  'data',
  'export',
  'history',
  'plugin',
  'plugins',
  'widgets',
])

async function foreignEntries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !REPORT_ENTRIES.has(n))
  } catch {
    return []
  }
}

/** Points every `data-allure` link of a summary at `href` plus the result's current anchor. */
export function relinkSummary(html: string, href: string, links: Map<string, string>): string {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  const encode = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return html
    .replace(
      /<a href="[^"]*" data-allure="([^"]*)">/g,
      (_m, key: string) =>
        `<a href="${encode(href + (links.get(decode(key)) ?? ''))}" data-allure="${key}">`,
    )
    .replace(
      /<a href="[^"]*" class="report-link">/g,
      `<a href="${encode(href)}" class="report-link">`,
    )
}
