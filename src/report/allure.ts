/**
 * Allure 2: raw result files written directly (no allure-js runtime is needed for a finished run),
 * and the single-file HTML report produced by allure-commandline. This is the only module that
 * knows the Allure formats.
 *
 * Status mapping: failed → failed (the server does not conform), error → broken (a harness or
 * configuration problem), warning → passed with a `warning` label, info → passed with the tag and
 * label `informational` (the server does not use an optional, may-level behaviour), not_applicable
 * and skipped → skipped with the reason.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { constants } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import type { CheckOutcome, ResultRecord, RunResults } from '../suite/result.js'
import {
  escapeHtml as h,
  historyId,
  profileTitle,
  requirementInfo,
  STATUS_WORD,
  surfaceTitle,
  variantOf,
  accessible,
  INFO_MEANING,
} from './common.js'

type AllureStatus = 'passed' | 'failed' | 'broken' | 'skipped' | 'unknown'

interface AllureAttachment {
  name: string
  source: string
  type: string
}

interface AllureStep {
  name: string
  status: AllureStatus
  statusDetails: { message?: string; trace?: string }
  stage: 'finished'
  start: number
  stop: number
  steps: AllureStep[]
  attachments: AllureAttachment[]
  parameters: Array<{ name: string; value: string }>
}

export interface AllureResult {
  uuid: string
  historyId: string
  testCaseId: string
  fullName: string
  name: string
  status: AllureStatus
  statusDetails: {
    message?: string
    trace?: string
    known?: boolean
    muted?: boolean
    flaky?: boolean
  }
  stage: 'finished'
  description: string
  descriptionHtml: string
  start: number
  stop: number
  labels: Array<{ name: string; value: string }>
  links: Array<{ name: string; url: string; type: string }>
  parameters: Array<{ name: string; value: string }>
  steps: AllureStep[]
  attachments: AllureAttachment[]
}

const SEVERITY = { shall: 'critical', should: 'normal', may: 'minor' } as const

export function allureStatus(status: ResultRecord['status']): AllureStatus {
  switch (status) {
    case 'passed':
    case 'warning':
    case 'info':
      return 'passed'
    case 'failed':
      return 'failed'
    case 'expected_failure':
      // known and listed in the expect file: apart from the failures, never passed
      return 'skipped'
    case 'error':
      return 'broken'
    case 'skipped':
    case 'not_applicable':
      return 'skipped'
  }
}

function stepStatus(status: CheckOutcome['status']): AllureStatus {
  return status === 'error'
    ? 'broken'
    : status === 'warning' || status === 'info'
      ? 'passed'
      : status
}

function statusMessage(r: ResultRecord): string {
  const reqs = r.requirements.join(', ')
  switch (r.status) {
    case 'failed':
      return `[${r.level}] ${reqs ? `${reqs}: ` : ''}${r.message}`
    case 'expected_failure':
      return `expected failure: [${r.level}] ${reqs ? `${reqs}: ` : ''}${r.message} (expect file: ${r.expectation?.reason ?? 'listed'}${r.expectation?.until ? `, until ${r.expectation.until}` : ''})`
    case 'error':
      return `${r.errorCode ? `${r.errorCode}: ` : ''}${r.message}`
    case 'warning':
      return `warning: [${r.level}] ${reqs ? `${reqs}: ` : ''}${r.message}`
    case 'info':
      return `info: [${r.level}] ${reqs ? `${reqs}: ` : ''}${INFO_MEANING}: ${r.message}`
    case 'not_applicable':
      return `not applicable: ${r.message}`
    case 'skipped':
      return `skipped: ${r.message}`
    case 'passed':
      return r.message
  }
}

function trace(r: ResultRecord): string | undefined {
  const bad = r.checks.filter((c) => c.status !== 'passed')
  if (bad.length === 0) return undefined
  return bad
    .map(
      (c) =>
        `${c.check} [${c.requirements.join(', ')}] ${c.status} (${c.level}): ${c.message}` +
        (c.evidence ? `\n  evidence: ${JSON.stringify(c.evidence)}` : ''),
    )
    .join('\n')
}

function description(r: ResultRecord): { text: string; html: string } {
  const rows: Array<[string, string]> = []
  if (r.summary) rows.push(['Summary', r.summary])
  rows.push(['Title', r.title])
  rows.push(['Outcome', `${STATUS_WORD[r.status]}: ${r.message}`])
  if (r.expected) rows.push(['Expected', r.expected])
  if (r.refusedAt) rows.push(['Refused at', r.refusedAt])
  rows.push(['Level', r.level])
  if (r.errorCode) rows.push(['Error code', r.errorCode])
  if (r.expectation)
    rows.push([
      'Expected failure',
      `${r.expectation.reason}${r.expectation.until ? ` (until ${r.expectation.until})` : ''}`,
    ])
  const text = rows.map(([k, v]) => `${k}: ${v}`).join('\n')
  const reqs = r.requirements.map((id) => {
    const info = requirementInfo(id)
    const name = info.url
      ? `<a href="${h(info.url)}" target="_blank" rel="noopener noreferrer">${h(id)}</a>`
      : h(id)
    return `<li>${name} (${h(info.level ?? 'unknown level')}): ${h(info.summary ?? 'not in the requirement registry')}${info.quote ? `<br><q>${h(info.quote)}</q>` : ''}</li>`
  })
  const warn =
    r.status === 'warning'
      ? `<p><strong>Warning:</strong> ${h(r.message)}</p>`
      : r.status === 'info'
        ? `<p><strong>Informational:</strong> ${h(INFO_MEANING)}: ${h(r.message)}</p>`
        : ''
  const html =
    warn +
    `<ul>${rows.map(([k, v]) => `<li><strong>${h(k)}:</strong> ${h(v)}</li>`).join('')}</ul>` +
    (reqs.length ? `<p><strong>Requirements</strong></p><ul>${reqs.join('')}</ul>` : '')
  return { text, html }
}

function safeName(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'x'
  )
}

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/json': 'json',
  'application/zip': 'zip',
}

export interface AllureWriteInfo {
  files: string[]
  /** historyId of each result, in the order of `run.results`. */
  historyIds: string[]
}

/** Writes `<uuid>-result.json`, attachments and the report-wide files into `dir`. */
export async function writeAllureResults(run: RunResults, dir: string): Promise<AllureWriteInfo> {
  await mkdir(dir, { recursive: true })
  const files: string[] = []
  const writes: Array<Promise<void>> = []
  const put = (name: string, data: string | Buffer) => {
    const path = join(dir, name)
    files.push(path)
    writes.push(writeFile(path, data))
  }
  const started = Date.parse(run.startedAt)
  const t0 = Number.isFinite(started) ? started : Date.now()
  const clock = new Map<string, number>()
  const historyIds: string[] = []

  for (const r of run.results) {
    const uuid = randomUUID()
    const hid = historyId(r)
    historyIds.push(hid)
    // results carry durations only: lay them out one after another per profile for the timeline
    const start = clock.get(r.profile) ?? t0
    const stop = start + Math.max(0, Math.round(r.durationMs))
    clock.set(r.profile, stop)

    const attachments: AllureAttachment[] = []
    const attach = (name: string, type: string, ext: string, data: string | Buffer) => {
      const source = `${uuid}-${attachments.length}-attachment.${ext}`
      attachments.push({ name, source, type })
      put(source, data)
    }
    r.exchanges.forEach((e, n) => {
      attach(
        `exchange-${n + 1}-${safeName(e.purpose)}.json`,
        'application/json',
        'json',
        JSON.stringify(
          {
            purpose: e.purpose,
            request: e.request,
            ...(e.response ? { response: e.response } : {}),
            ...(e.transport_error ? { transport_error: e.transport_error } : {}),
            ...(e.jwts ? { jwts: e.jwts } : {}),
            durationMs: e.durationMs,
          },
          null,
          2,
        ),
      )
    })
    attach('outcomes.json', 'application/json', 'json', JSON.stringify(r.checks, null, 2))
    for (const a of r.attachments ?? []) {
      const ext = EXT[a.contentType] ?? 'bin'
      attach(a.name, a.contentType, ext, Buffer.from(a.base64, 'base64'))
    }

    const per = r.checks.length ? (stop - start) / r.checks.length : 0
    const steps: AllureStep[] = r.checks.map((c, i) => ({
      name: `${c.check} [${c.requirements.join(', ')}]`,
      status: stepStatus(c.status),
      statusDetails:
        c.status === 'passed'
          ? {}
          : {
              message: `${c.status === 'warning' ? 'warning: ' : c.status === 'info' ? 'info: ' : ''}${c.message}`,
            },
      stage: 'finished',
      start: Math.round(start + i * per),
      stop: Math.round(start + (i + 1) * per),
      steps: [],
      attachments: [],
      parameters: [
        { name: 'verdict', value: c.status },
        { name: 'level', value: c.level },
        { name: 'message', value: c.message },
      ],
    }))

    const variant = variantOf(r)
    const labels: AllureResult['labels'] = [
      { name: 'parentSuite', value: profileTitle(r.profile) },
      { name: 'suite', value: surfaceTitle(r.surface) },
      ...(variant ? [{ name: 'subSuite', value: variant }] : []),
      { name: 'package', value: `${r.profile}.${r.surface}` },
      { name: 'testClass', value: r.surface },
      { name: 'testMethod', value: r.id },
      { name: 'severity', value: SEVERITY[r.level] ?? 'normal' },
      { name: 'framework', value: run.tool.name },
      { name: 'host', value: hostOf(run.target.issuers?.[r.profile] ?? run.target.issuer) },
      { name: 'tag', value: r.profile },
      { name: 'tag', value: r.surface },
      ...(r.expected === 'refused'
        ? [{ name: 'tag', value: 'negative' }]
        : r.expected === 'accepted'
          ? [{ name: 'tag', value: 'positive' }]
          : []),
      ...(r.status === 'warning'
        ? [
            { name: 'tag', value: 'warning' },
            { name: 'warning', value: r.message },
          ]
        : []),
      ...(r.status === 'info'
        ? [
            { name: 'tag', value: 'informational' },
            { name: 'informational', value: r.message },
          ]
        : []),
      ...(r.status === 'not_applicable' ? [{ name: 'tag', value: 'not-applicable' }] : []),
      ...(r.status === 'expected_failure'
        ? [
            { name: 'tag', value: 'expected-failure' },
            { name: 'expected_failure', value: r.expectation?.reason ?? '' },
          ]
        : []),
      ...r.requirements.map((id) => ({ name: 'requirement', value: id })),
      // Behaviors tab = requirement → tests
      ...r.requirements.map((id) => ({ name: 'story', value: id })),
    ]
    const links = r.requirements.flatMap((id) => {
      const info = requirementInfo(id)
      return info.url ? [{ name: info.label, url: info.url, type: 'spec' }] : []
    })
    const parameters = variant
      ? variant.split(',').flatMap((kv) => {
          const eq = kv.indexOf('=')
          return eq > 0 ? [{ name: kv.slice(0, eq), value: kv.slice(eq + 1) }] : []
        })
      : []
    const d = description(r)
    const result: AllureResult = {
      uuid,
      historyId: hid,
      testCaseId: hid,
      fullName: `${r.profile}.${r.surface}.${r.id}${variant ? `[${variant}]` : ''}`,
      name: r.title && r.title !== r.id ? `${r.id}: ${r.title}` : r.id,
      status: allureStatus(r.status),
      statusDetails: {
        message: statusMessage(r),
        ...(trace(r) ? { trace: trace(r) } : {}),
        known: r.status === 'expected_failure',
        muted: false,
        flaky: false,
      },
      stage: 'finished',
      description: d.text,
      descriptionHtml: d.html,
      start,
      stop,
      labels,
      links,
      parameters,
      steps,
      attachments,
    }
    put(`${uuid}-result.json`, JSON.stringify(result))
  }

  put('environment.properties', environment(run))
  put(
    'executor.json',
    JSON.stringify({
      name: run.tool.name,
      type: run.tool.name,
      buildName: `${run.tool.name} ${run.tool.version} · ${run.startedAt}`,
      reportName: `FAPI conformance: ${run.target.issuer}`,
    }),
  )
  put('categories.json', JSON.stringify(CATEGORIES, null, 2))
  await Promise.all(writes)
  return { files, historyIds }
}

/** Categories: non-conformance by level, harness problems, warnings, informational results. */
const CATEGORIES = [
  {
    name: 'Non-conformance: shall',
    matchedStatuses: ['failed'],
    messageRegex: '(?s)\\[shall\\].*',
  },
  {
    name: 'Non-conformance: should',
    matchedStatuses: ['failed'],
    messageRegex: '(?s)\\[should\\].*',
  },
  { name: 'Non-conformance: may', matchedStatuses: ['failed'], messageRegex: '(?s)\\[may\\].*' },
  { name: 'Harness or configuration problem', matchedStatuses: ['broken'] },
  {
    name: 'Expected failures (expect file)',
    matchedStatuses: ['skipped'],
    messageRegex: '(?s)expected failure: .*',
  },
  { name: 'Warnings', matchedStatuses: ['passed'], messageRegex: '(?s)warning: .*' },
  {
    name: 'Informational: optional behaviour not used',
    matchedStatuses: ['passed'],
    messageRegex: '(?s)info: .*',
  },
]

function propEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\r?\n/g, '\\n')
    .replace(/[=:#!]/g, (c) => `\\${c}`)
    .replace(/[^\x20-\x7E]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function environment(run: RunResults): string {
  const lines: Array<[string, string]> = [
    ['Target issuer', run.target.issuer],
    ['Embedded reference AS', String(run.target.embedded)],
    ['Profiles', run.profiles.join(', ')],
    ['Started', run.startedAt],
    ['Tool', `${run.tool.name} ${run.tool.version}`],
  ]
  for (const [p, iss] of Object.entries(run.target.issuers ?? {})) {
    if (iss && iss !== run.target.issuer) lines.push([`Issuer (${p})`, iss])
  }
  if (run.aborted) lines.push(['Aborted', `${run.aborted.code}: ${run.aborted.message}`])
  return (
    lines.map(([k, v]) => `${propEscape(k).replace(/ /g, '\\ ')}=${propEscape(v)}`).join('\n') +
    '\n'
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

// ---------------------------------------------------------------------------------------------
// HTML report

const require = createRequire(import.meta.url)

function allureBin(): string {
  return join(dirname(require.resolve('allure-commandline/package.json')), 'bin', 'allure')
}

/** Where java would be found the way allure's launcher looks for it (JAVA_HOME, then PATH). */
export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java'
  if (env.JAVA_HOME) {
    const p = join(env.JAVA_HOME, 'bin', exe)
    return (await accessible(p, constants.X_OK)) ? p : undefined
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && (await accessible(join(dir, exe), constants.X_OK))) return join(dir, exe)
  }
  return undefined
}

export interface AllureHtmlInfo {
  /** The generated index.html, absent when the report could not be generated. */
  file?: string
  ms: number
  warning?: string
}

/**
 * `allure generate --single-file --clean -o <reportDir> <resultsDir>`: one index.html that opens
 * from file:// without network. Never throws for a missing Java or a failed generation: the
 * reason comes back as `warning`.
 */
export async function generateAllureHtml(
  resultsDir: string,
  reportDir: string,
  opts: { timeoutMs?: number } = {},
): Promise<AllureHtmlInfo> {
  const t0 = performance.now()
  const java = await findJava()
  if (!java) {
    return {
      ms: 0,
      warning:
        'Allure HTML report skipped: Java was not found (set JAVA_HOME or put java on PATH); allure-results/ is complete and can be rendered later with `fapi-harness report`',
    }
  }
  let bin: string
  try {
    bin = allureBin()
  } catch {
    return { ms: 0, warning: 'Allure HTML report skipped: allure-commandline is not installed' }
  }
  const args = [bin, 'generate', '--single-file', '--clean', '-o', reportDir, resultsDir]
  const out: string[] = []
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ALLURE_NO_ANALYTICS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (b: Buffer) => {
      if (out.join('').length < 8000) out.push(b.toString())
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve('timeout')
    }, opts.timeoutMs ?? 180_000)
    child.on('error', (e) => {
      clearTimeout(timer)
      resolve(e.message)
    })
    child.on('close', (c) => {
      clearTimeout(timer)
      resolve(c ?? 'killed')
    })
  })
  const ms = Math.round(performance.now() - t0)
  const file = join(reportDir, 'index.html')
  if (code !== 0 || !(await accessible(file, constants.F_OK))) {
    const tail = out.join('').trim().split('\n').slice(-3).join(' | ')
    return { ms, warning: `Allure HTML report failed (${String(code)}): ${tail || 'no output'}` }
  }
  return { file, ms }
}

/** The data entries embedded in a single-file report: `d('<name>','<base64>')`. */
function* embedded(html: string): Generator<[string, string]> {
  const re = /d\('([^']+)','([A-Za-z0-9+/=]*)'\)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(html))) yield [m[1]!, m[2]!]
}

/**
 * Trends: a single-file report writes no `history/` folder, so the history of the previous report
 * is taken from its embedded data and put into `<resultsDir>/history/` before generating. Returns
 * the number of files carried over (0 when there is no previous report).
 */
export async function carryHistory(previousIndexHtml: string, resultsDir: string): Promise<number> {
  let html: string
  try {
    html = await readFile(previousIndexHtml, 'utf8')
  } catch {
    return 0
  }
  const files: Array<[string, Buffer]> = []
  for (const [name, value] of embedded(html)) {
    const m = /^history\/([a-z0-9-]+\.json)$/.exec(name)
    if (m) files.push([m[1]!, Buffer.from(value, 'base64')])
  }
  if (files.length === 0) return 0
  await mkdir(join(resultsDir, 'history'), { recursive: true })
  await Promise.all(files.map(([name, data]) => writeFile(join(resultsDir, 'history', name), data)))
  return files.length
}

/**
 * Deep links into a single-file report. The app routes `#testresult/<uid>`; the uid is chosen by
 * the generator, so it is read back from the embedded `data/test-cases/<uid>.json` entries and
 * keyed by our historyId.
 */
export async function allureDeepLinks(indexHtml: string): Promise<Map<string, string>> {
  const links = new Map<string, string>()
  const html = await readFile(indexHtml, 'utf8')
  for (const [name, value] of embedded(html)) {
    if (!name.startsWith('data/test-cases/')) continue
    try {
      const tc = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as {
        uid?: string
        fullName?: string
      }
      if (tc.fullName && tc.uid && !links.has(tc.fullName))
        links.set(tc.fullName, `#testresult/${tc.uid}`)
    } catch {
      /* not a test case entry */
    }
  }
  return links
}
