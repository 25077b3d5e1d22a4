/**
 * summary.html: the compliance summary an auditor reads first. One self-contained file: inline CSS,
 * no scripts, fonts, images or external requests; readable with JavaScript off, printable, and
 * status is always spelled out (colour is only a second cue).
 */
import { parseRequirementId, SPECS } from '../spec/specs.js'
import type { ResultRecord, RunResults, Status } from '../suite/result.js'
import { summarize } from '../suite/result.js'
import {
  anchorId,
  escapeHtml as h,
  formatDuration,
  profileTitle,
  STATUS_WORD,
  surfaceTitle,
  variantOf,
  INFO_MEANING,
} from './common.js'
import { coverage, unproven } from './coverage.js'
import { requirementMatrix, VERDICT_WORD, type MatrixRow, type Verdict } from './matrix.js'
import type { InconclusiveCause, ProfileCoverage } from '../suite/result.js'
import type { ProfileId } from '../suite/profile.js'

export interface SummaryOptions {
  /**
   * Link into the Allure report for a result (relative to summary.html), or undefined when there
   * is no HTML report.
   */
  reportLink?: (r: ResultRecord) => string | undefined
  /** The Allure report file (relative to summary.html), when there is one. */
  reportHref?: string
  /** Shown under the header when the Allure HTML report is missing (e.g. no Java). */
  reportNote?: string
}

const SYMBOL: Record<Status | Verdict, string> = {
  passed: '✓',
  failed: '✗',
  expected_failure: '⊗',
  warning: '!',
  info: 'i',
  informational: 'i',
  error: '⚠',
  inconclusive: '?',
  skipped: '⊘',
  not_applicable: '–',
  not_tested: '○',
}

function badge(kind: Status | Verdict, word: string): string {
  return `<span class="badge s-${kind}"><span aria-hidden="true">${SYMBOL[kind]}</span> ${h(word)}</span>`
}
const statusBadge = (s: Status) => badge(s, STATUS_WORD[s])
const verdictBadge = (v: Verdict) => badge(v, VERDICT_WORD[v])

/** A key of the result that links across the page (and to the Allure report via `data-allure`). */
export function resultKey(r: ResultRecord): string {
  const v = variantOf(r)
  return `${r.profile}.${r.surface}.${r.id}${v ? `[${v}]` : ''}`
}

const resultAnchor = (r: ResultRecord) => anchorId('r', r.profile, variantOf(r) ?? '', r.id)

function formatDate(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')}`
}

/** `§5.2.2 item 14`: the spec title is the group heading. */
function clauseOf(id: string): string {
  try {
    const { section, item } = parseRequirementId(id)
    return `§${section}${item ? ` item ${item}` : ''}`
  } catch {
    return id
  }
}

function specOf(id: string): string {
  try {
    return parseRequirementId(id).prefix
  } catch {
    return '?'
  }
}

/**
 * The one-sentence conclusion, in the order of the exit codes: a shall failure; a profile for
 * which nothing was proven; harness errors or an abort; then warnings, informational findings
 * (optional behaviour the server does not use), passes.
 */
export function conclusion(
  rows: MatrixRow[],
  run: RunResults,
  nothingProven: readonly string[] = [],
): { kind: Verdict; text: string } {
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length
  const failed = count('failed')
  const warning = count('warning')
  const inconclusive = count('inconclusive')
  const informational = count('informational')
  const passed = count('passed')
  const errors = run.results.filter((r) => r.status === 'error').length
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  if (failed) {
    // failed only in results the expect file lists: still failed, and said so
    const listed = rows.filter(
      (r) =>
        r.verdict === 'failed' &&
        !r.results.some((x) => x.status === 'failed' && x.level === 'shall'),
    ).length
    return {
      kind: 'failed',
      text: `Not conformant: ${plural(failed, 'requirement')} failed at shall level (of ${rows.length} cited)${listed ? `; ${listed} of them only in expected failures (listed in the expect file)` : ''}.`,
    }
  }
  if (nothingProven.length && !run.aborted) {
    return {
      kind: 'inconclusive',
      text: `Nothing was proven for ${nothingProven.length === 1 ? 'profile' : 'profiles'} ${nothingProven.join(', ')}: no shall requirement was judged (every shall-level result was not applicable or an error).`,
    }
  }
  if (inconclusive || errors || run.aborted) {
    return {
      kind: 'inconclusive',
      text: `Inconclusive: ${run.aborted ? 'the run was aborted; ' : ''}${plural(errors, 'result')} ended in a harness error; ${plural(inconclusive, 'requirement')} could not be judged.`,
    }
  }
  if (warning)
    return {
      kind: 'warning',
      text: `No shall-level failure; ${plural(warning, 'requirement')} with warnings or should-level findings.`,
    }
  if (informational) {
    return {
      kind: 'informational',
      text: `No failure or warning: ${plural(passed, 'requirement')} passed, ${informational} informational (an optional behaviour the server does not use), of ${rows.length} cited.`,
    }
  }
  if (passed)
    return {
      kind: 'passed',
      text: `No failure: ${plural(passed, 'requirement')} passed (of ${rows.length} cited).`,
    }
  return { kind: 'not_tested', text: 'No requirement was judged in this run.' }
}

const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg-alt:#f6f8fa;--accent:#0b3d91;
--pass:#116329;--pass-bg:#dafbe1;--fail:#a40e26;--fail-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;
--err:#6e2b00;--err-bg:#ffe7d1;--skip:#424a53;--skip-bg:#eaeef2;--na:#57606a;--na-bg:#f6f8fa;
--info:#0a3069;--info-bg:#ddf4ff}
*{box-sizing:border-box}
html{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
body{margin:0 auto;max-width:1280px;padding:24px 32px 48px}
h1{font-size:1.7rem;margin:0 0 .2rem;letter-spacing:-.01em}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--fg)}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.92em}
header{border-bottom:4px solid var(--accent);padding-bottom:12px;margin-bottom:16px}
.sub{color:var(--muted);margin:0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:12px 0 0}
dl.meta dt{font-weight:600;color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.conclusion{border:1px solid var(--line);border-left-width:8px;padding:10px 14px;margin:16px 0;font-size:1.1rem;font-weight:600;background:var(--bg-alt)}
.conclusion.s-failed{border-left-color:var(--fail)}.conclusion.s-passed{border-left-color:var(--pass)}
.conclusion.s-warning{border-left-color:#bf8700}.conclusion.s-inconclusive{border-left-color:var(--err)}
.conclusion.s-informational{border-left-color:var(--info)}
.note{border:1px solid #bf8700;background:var(--warn-bg);padding:8px 12px;margin:12px 0}
.aborted{border:1px solid var(--fail);background:var(--fail-bg);padding:8px 12px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;table-layout:fixed}
table.counts,table.legend{table-layout:auto}
.muted{color:var(--muted);font-size:.85rem}
ul.tests .muted{white-space:nowrap}
.mono,.req-id{overflow-wrap:anywhere}
td .mono{font-size:.88em}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
th,td{border:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}
thead th{background:var(--bg-alt);font-weight:600;white-space:nowrap}
tbody tr:nth-child(even) td{background:#fbfcfd}
tr.group th{background:#e9eef5;font-size:.95rem;text-align:left}
table.counts,table.legend{width:auto}
table.coverage{table-layout:auto;width:auto}
table.coverage td{text-align:right;min-width:4rem}
table.coverage td:last-child{text-align:left}
tr[data-nothing-proven] th,tr[data-nothing-proven] td{background:var(--err-bg)}
.cause{color:var(--err);overflow-wrap:anywhere}
ul.causes{margin:2px 0 4px;padding-left:1.2rem;color:var(--err)}
table.counts td{font-size:1.4rem;font-weight:700;text-align:right;min-width:5.5rem}
table.counts th{text-align:right}
.badge{display:inline-block;white-space:nowrap;border:1px solid;border-radius:3px;padding:0 6px;font-size:.85rem;font-weight:600;line-height:1.5}
.s-passed.badge{color:var(--pass);background:var(--pass-bg)}
.s-failed.badge{color:var(--fail);background:var(--fail-bg)}
.s-expected_failure.badge{color:var(--fail);background:var(--skip-bg);border:1px dashed var(--fail)}
.s-warning.badge{color:var(--warn);background:var(--warn-bg)}
.s-info.badge,.s-informational.badge{color:var(--info);background:var(--info-bg)}
.s-error.badge,.s-inconclusive.badge{color:var(--err);background:var(--err-bg)}
.s-skipped.badge,.s-not_tested.badge{color:var(--skip);background:var(--skip-bg)}
.s-not_applicable.badge{color:var(--na);background:var(--na-bg);border-style:dashed}
.req-id{font-weight:600}
.lvl{font-variant:small-caps;font-weight:600;letter-spacing:.03em}
blockquote{margin:4px 0 0;padding:2px 8px;border-left:3px solid var(--line);color:var(--muted);font-style:italic}
.unknown{color:var(--fail);font-style:italic}
ul.tests{list-style:none;margin:0;padding:0}
ul.findings{margin:.2rem 0 .8rem;padding-left:1.4rem}
ul.findings li{margin:2px 0}
ul.tests li{margin:2px 0;line-height:1.35}
.tally{color:var(--muted);font-size:.9rem}
details summary{cursor:pointer;color:var(--accent)}
td.msg{overflow-wrap:anywhere;max-width:34rem}
.small{font-size:.88rem}
nav.toc{margin:8px 0 0}
nav.toc a{margin-right:14px}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:8px;color:var(--muted);font-size:.85rem}
@media print{
  html{font-size:10.5px}
  body{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}
  nav.toc,.report-link{display:none}
  h2{break-after:avoid}
  tr,li{break-inside:avoid}
  thead{display:table-header-group}
  .badge,.conclusion,tr.group th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  details>summary{display:none}
}
`

function countsLine(s: ReturnType<typeof summarize>): string {
  const parts: Array<[Status, number]> = [
    ['passed', s.passed],
    ['failed', s.failed],
    ['expected_failure', s.expectedFailures],
    ['warning', s.warnings],
    ['info', s.info],
    ['error', s.errors],
    ['skipped', s.skipped],
    ['not_applicable', s.notApplicable],
  ]
  return parts
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${badge(k, `${n} ${STATUS_WORD[k].toLowerCase()}`)}`)
    .join(' ')
}

function countsTable(s: ReturnType<typeof summarize>, caption: string, id?: string): string {
  const cells: Array<[Status, string, number]> = [
    ['passed', 'Passed', s.passed],
    ['failed', 'Failed', s.failed],
    ...(s.expectedFailures
      ? [['expected_failure', 'Expected failures', s.expectedFailures] as [Status, string, number]]
      : []),
    ['warning', 'Warnings', s.warnings],
    ['info', 'Informational', s.info],
    ['error', 'Errors', s.errors],
    ['skipped', 'Skipped', s.skipped],
    ['not_applicable', 'Not applicable', s.notApplicable],
  ]
  const total = cells.reduce((a, [, , n]) => a + n, 0)
  return (
    `<table class="counts"${id ? ` id="${id}"` : ''}><caption>${h(caption)}</caption><thead><tr>` +
    cells.map(([k, w]) => `<th scope="col">${badge(k, w)}</th>`).join('') +
    `<th scope="col">Total</th></tr></thead><tbody><tr>` +
    cells.map(([k, , n]) => `<td data-count="${k}">${n}</td>`).join('') +
    `<td data-count="total">${total}</td></tr></tbody></table>`
  )
}

/** The ERR_* code (unless the message already starts with it) and the message of a cause. */
function causeText(c: InconclusiveCause): string {
  return (
    (c.errorCode && !c.message.startsWith(c.errorCode) ? `<code>${h(c.errorCode)}</code> ` : '') +
    h(c.message)
  )
}

/** Per profile: modules judged, not applicable and inconclusive; shall requirements judged. */
export function coverageTable(cov: Partial<Record<ProfileId, ProfileCoverage>>): string {
  const rows = (Object.entries(cov) as Array<[ProfileId, ProfileCoverage]>)
    .map(([p, c]) => {
      const none = c.shall.judged === 0
      return (
        `<tr data-profile="${h(p)}"${none ? ' data-nothing-proven="true"' : ''}>` +
        `<th scope="row"><a href="#${anchorId('profile', p)}">${h(p)}</a></th>` +
        `<td data-count="judged">${c.modules.judged}</td><td data-count="not_applicable">${c.modules.notApplicable}</td><td data-count="inconclusive">${c.modules.errors}</td><td data-count="total">${c.modules.total}</td>` +
        `<td data-count="shall-judged">${c.shall.judged}</td><td data-count="shall-inconclusive">${c.shall.inconclusive}</td><td data-count="shall-not_applicable">${c.shall.notApplicable}</td><td data-count="shall-total">${c.shall.total}</td>` +
        `<td>${none ? `${verdictBadge('inconclusive')} nothing proven` : c.modules.errors ? `${c.modules.errors} ${c.modules.errors === 1 ? 'test' : 'tests'} not judged` : ''}</td></tr>`
      )
    })
    .join('')
  return (
    `<table class="coverage small" id="coverage"><caption>Coverage: what each profile's results proved</caption>` +
    `<thead><tr><th scope="col" rowspan="2">Profile</th><th scope="colgroup" colspan="4">Tests</th><th scope="colgroup" colspan="4">Shall requirements</th><th scope="col" rowspan="2"></th></tr>` +
    `<tr><th scope="col">Judged</th><th scope="col">Not applicable</th><th scope="col">Inconclusive</th><th scope="col">Total</th><th scope="col">Judged</th><th scope="col">Inconclusive only</th><th scope="col">Not applicable only</th><th scope="col">Cited</th></tr></thead>` +
    `<tbody>${rows || '<tr><td colspan="10">No profile.</td></tr>'}</tbody></table>`
  )
}

function testRef(r: ResultRecord): string {
  const v = variantOf(r)
  return `<a class="mono" href="#${resultAnchor(r)}">${h(r.id)}</a> <span class="muted">${h(r.profile)}${v ? ` [${h(v)}]` : ''}</span>`
}

const STATUS_ORDER: Record<Status, number> = {
  failed: 0,
  expected_failure: 1,
  warning: 1,
  error: 2,
  info: 3,
  passed: 4,
  skipped: 5,
  not_applicable: 6,
}

function evidenceCell(row: MatrixRow): string {
  const rs = row.results
  const tally = new Map<Status, number>()
  for (const r of rs) tally.set(r.status, (tally.get(r.status) ?? 0) + 1)
  const tallyText = [...tally].map(([s, n]) => `${n} ${STATUS_WORD[s].toLowerCase()}`).join(', ')
  // the test's level matters for the verdict; shown when it differs from the clause's
  const cause = (r: ResultRecord) =>
    row.causes.find((c) => c.id === r.id && c.profile === r.profile)
  const item = (r: ResultRecord) => {
    const c = r.status === 'error' ? cause(r) : undefined
    return `<li>${statusBadge(r.status)} ${testRef(r)}${r.level !== row.requirement.level ? ` <span class="lvl" title="level of this test">${h(r.level)}</span>` : ''}${c ? `<div class="cause small">${causeText(c)}</div>` : ''}</li>`
  }
  const notable = rs
    .filter((r) => r.status !== 'passed')
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
  const passed = rs.filter((r) => r.status === 'passed')
  if (rs.length <= 8) return `<ul class="tests">${rs.map(item).join('')}</ul>`
  return (
    `<div class="tally">${rs.length} tests: ${h(tallyText)}</div>` +
    (notable.length ? `<ul class="tests">${notable.map(item).join('')}</ul>` : '') +
    (passed.length
      ? `<details><summary>${passed.length} passed</summary><ul class="tests">${passed.map(item).join('')}</ul></details>`
      : '')
  )
}

function matrixTable(rows: MatrixRow[]): string {
  const groups = new Map<string, MatrixRow[]>()
  for (const row of rows) {
    const spec = specOf(row.requirement.id)
    if (!groups.has(spec)) groups.set(spec, [])
    groups.get(spec)!.push(row)
  }
  const body = [...groups]
    .map(([spec, rs]) => {
      const title =
        spec in SPECS ? SPECS[spec as keyof typeof SPECS].title : 'Unknown specification'
      return (
        `<tr class="group"><th colspan="6" scope="rowgroup">${h(title)}</th></tr>` +
        rs
          .map((row) => {
            const q = row.requirement
            const clause = q.url
              ? `<a href="${h(q.url)}" title="${h(q.label)}" rel="noopener noreferrer">${h(clauseOf(q.id))}</a>`
              : h(clauseOf(q.id))
            const summary = q.known
              ? `${h(q.summary ?? '')}${q.quote ? `<blockquote>“${h(q.quote)}”</blockquote>` : ''}`
              : `<span class="unknown">not in the requirement registry</span>`
            return (
              `<tr id="${anchorId('req', q.id)}" data-verdict="${row.verdict}">` +
              `<th scope="row" class="req-id mono">${h(q.id)}</th>` +
              `<td>${clause}</td>` +
              `<td class="lvl">${h(q.level ?? '?')}</td>` +
              `<td>${summary}</td>` +
              `<td>${evidenceCell(row)}</td>` +
              `<td>${verdictBadge(row.verdict)}</td></tr>`
            )
          })
          .join('')
      )
    })
    .join('')
  return (
    `<table class="matrix" id="matrix"><caption>Requirement → verdict (${rows.length} requirements cited)</caption>` +
    `<colgroup><col style="width:12%"><col style="width:8%"><col style="width:5%"><col style="width:33%"><col style="width:32%"><col style="width:10%"></colgroup>` +
    `<thead><tr><th scope="col">Requirement</th><th scope="col">Clause</th><th scope="col">Level</th><th scope="col">What the clause demands</th><th scope="col">Tests that prove it</th><th scope="col">Verdict</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  )
}

function profileSection(
  run: RunResults,
  profile: string,
  results: ResultRecord[],
  opts: SummaryOptions,
): string {
  const issuer =
    run.target.issuers?.[profile as keyof NonNullable<RunResults['target']['issuers']>] ??
    run.target.issuer
  const rows = results
    .map((r, i) => {
      const link = opts.reportLink?.(r)
      const reqs = r.requirements
        .map((id) => `<a class="mono" href="#${anchorId('req', id)}">${h(id)}</a>`)
        .join('<br>')
      const v = variantOf(r)
      const detail =
        (r.errorCode && !r.message.startsWith(r.errorCode)
          ? `<code>${h(r.errorCode)}</code> `
          : '') + h(r.message)
      const refusal = r.expected
        ? `<div class="small">expected: ${h(r.expected)}${r.refusedAt ? `; refused at: ${h(r.refusedAt)}` : ''}</div>`
        : ''
      const known = r.expectation
        ? `<div class="small expectation">expected failure (expect file entry ${r.expectation.entry + 1}): ${h(r.expectation.reason)}${r.expectation.until ? `; until ${h(r.expectation.until)}` : ''}</div>`
        : ''
      return (
        `<tr id="${resultAnchor(r)}" data-status="${r.status}">` +
        `<td class="small">${i + 1}</td>` +
        `<td><span class="mono">${h(r.id)}</span>${v ? ` <span class="small">[${h(v)}]</span>` : ''}<div class="small">${h(r.title)}</div></td>` +
        `<td>${h(surfaceTitle(r.surface))}</td>` +
        `<td class="lvl">${h(r.level)}</td>` +
        `<td>${reqs || '—'}</td>` +
        `<td>${statusBadge(r.status)}</td>` +
        `<td class="msg">${detail}${refusal}${known}</td>` +
        (opts.reportLink
          ? `<td class="report-link">${link ? `<a href="${h(link)}" data-allure="${h(resultKey(r))}">Allure</a>` : '—'}</td>`
          : '') +
        `</tr>`
      )
    })
    .join('')
  return (
    `<section id="${anchorId('profile', profile)}"><h3>${h(profileTitle(profile))} <span class="mono small">(${h(profile)})</span></h3>` +
    `<p class="sub">Issuer <span class="mono">${h(issuer)}</span> · ${results.length} results: ${countsLine(summarize(results))}</p>` +
    `<table class="results">` +
    `<colgroup><col style="width:3%"><col style="width:22%"><col style="width:10%"><col style="width:6%"><col style="width:14%"><col style="width:11%"><col style="width:${opts.reportLink ? 28 : 34}%">${opts.reportLink ? '<col class="report-link" style="width:6%">' : ''}</colgroup><thead><tr><th scope="col">#</th><th scope="col">Test</th><th scope="col">Surface</th><th scope="col">Level</th><th scope="col">Requirements</th><th scope="col">Status</th><th scope="col">Message</th>${opts.reportLink ? '<th scope="col" class="report-link">Report</th>' : ''}</tr></thead>` +
    `<tbody>${rows || `<tr><td colspan="${opts.reportLink ? 8 : 7}">No results.</td></tr>`}</tbody></table></section>`
  )
}

/** The expect file's entries: what each matched, which are stale (matched nothing or now pass) or expired. */
export function expectationsSection(run: RunResults): string {
  const e = run.expectations
  if (!e) return ''
  const state = (x: NonNullable<RunResults['expectations']>['entries'][number]) =>
    x.expired
      ? 'expired: no longer applied'
      : x.stale === 'matched-nothing'
        ? 'stale: matched no result'
        : x.stale === 'no-longer-fails'
          ? 'stale: its results no longer fail'
          : `${x.matched.length} expected ${x.matched.length === 1 ? 'failure' : 'failures'}`
  const rows = e.entries
    .map(
      (x) =>
        `<tr data-stale="${x.stale ?? (x.expired ? 'expired' : '')}"><td>${x.entry + 1}</td><td class="mono">${h(x.profile ?? '*')}/${h(x.id)}${
          x.variant
            ? ` [${h(
                Object.entries(x.variant)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(','),
              )}]`
            : ''
        }</td><td>${h(x.reason)}</td><td>${h(x.until ?? '—')}</td><td>${h(state(x))}${x.matched.length ? `<div class="small mono">${x.matched.map(h).join('<br>')}</div>` : ''}</td></tr>`,
    )
    .join('')
  return (
    `<table class="expectations small" id="expectations"><caption>Expect file <span class="mono">${h(e.file)}</span>: ${e.entries.length} entries, ${e.entries.filter((x) => x.stale).length} stale, ${e.entries.filter((x) => x.expired).length} expired</caption>` +
    `<thead><tr><th scope="col">#</th><th scope="col">Selects</th><th scope="col">Reason</th><th scope="col">Until</th><th scope="col">Outcome</th></tr></thead><tbody>${rows || '<tr><td colspan="5">No entries.</td></tr>'}</tbody></table>`
  )
}

/** Requirements that need the reader's attention, worst first, linked into the matrix. */
function findings(rows: MatrixRow[]): string {
  const pick = (v: Verdict) => rows.filter((r) => r.verdict === v)
  const block = (v: Verdict, heading: string) => {
    const rs = pick(v)
    if (rs.length === 0) return ''
    return (
      `<h3>${verdictBadge(v)} ${h(heading)} (${rs.length})</h3><ul class="findings">` +
      rs
        .map((row) => {
          const bad = row.results.filter((r) =>
            v === 'failed'
              ? (r.status === 'failed' || r.status === 'expected_failure') && r.level === 'shall'
              : v === 'inconclusive'
                ? r.status === 'error'
                : v === 'informational'
                  ? r.status === 'info'
                  : r.status === 'failed' || r.status === 'warning',
          )
          const shown = bad
            .slice(0, 4)
            .map((r) => `<a href="#${resultAnchor(r)}">${h(`${r.profile}/${r.id}`)}</a>`)
          if (bad.length > shown.length) shown.push(`${bad.length - shown.length} more`)
          const causes =
            v === 'inconclusive'
              ? `<ul class="causes small">${row.causes
                  .slice(0, 4)
                  .map((c) => `<li>${h(`${c.profile}/${c.id}`)}: ${causeText(c)}</li>`)
                  .join(
                    '',
                  )}${row.causes.length > 4 ? `<li>${row.causes.length - 4} more</li>` : ''}</ul>`
              : ''
          return `<li><a class="mono" href="#${anchorId('req', row.requirement.id)}">${h(row.requirement.id)}</a> ${h(row.requirement.summary ?? '')} <span class="muted">(${shown.join(', ')})</span>${causes}</li>`
        })
        .join('') +
      `</ul>`
    )
  }
  const out =
    block('failed', 'Requirements not met') +
    block('warning', 'Requirements with findings') +
    block('inconclusive', 'Requirements not judged (harness errors)') +
    block('informational', 'Optional behaviour the server does not use (informational)')
  return out ? `<div id="findings">${out}</div>` : ''
}

/** The complete summary.html document. */
export function renderSummary(run: RunResults, opts: SummaryOptions = {}): string {
  const rows = requirementMatrix(run.results)
  const cov = coverage(run.results, run.profiles)
  const verdict = conclusion(rows, run, unproven(cov))
  const counts = summarize(run.results)
  const byProfile = new Map<string, ResultRecord[]>()
  for (const p of run.profiles) byProfile.set(p, [])
  for (const r of run.results) {
    if (!byProfile.has(r.profile)) byProfile.set(r.profile, [])
    byProfile.get(r.profile)!.push(r)
  }
  const issuers = new Set<string>([
    run.target.issuer,
    ...Object.values(run.target.issuers ?? {}).filter((x): x is string => !!x),
  ])
  const issuerText =
    issuers.size === 1
      ? `<span class="mono">${h(run.target.issuer)}</span>`
      : [...byProfile.keys()]
          .map(
            (p) =>
              `<span class="mono">${h(run.target.issuers?.[p as keyof NonNullable<RunResults['target']['issuers']>] ?? run.target.issuer)}</span> (${h(p)})`,
          )
          .join('<br>')
  const title = `FAPI conformance report: ${run.target.issuer}`
  const tableOfContents = `<nav class="toc" aria-label="Contents"><a href="#overview">Overview</a><a href="#matrix-section">Requirements</a>${[...byProfile.keys()].map((p) => `<a href="#${anchorId('profile', p)}">${h(p)}</a>`).join('')}<a href="#legend">Legend</a></nav>`
  const verdictCounts = (
    [
      'failed',
      'warning',
      'inconclusive',
      'informational',
      'passed',
      'not_applicable',
      'not_tested',
    ] as Verdict[]
  )
    .map((v) => [v, rows.filter((r) => r.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${verdictBadge(v)} <span data-verdict-count="${v}">${n}</span>`)
    .join(' &nbsp; ')

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>FAPI conformance report</h1>
<p class="sub">Target ${h(run.target.issuer)} · ${h(formatDate(run.startedAt))}</p>
${tableOfContents}
</header>
<main>
<section id="overview" aria-labelledby="overview-h">
<h2 id="overview-h">Overview</h2>
<dl class="meta">
<dt>Target issuer${issuers.size > 1 ? 's' : ''}</dt><dd>${issuerText}</dd>
<dt>Authorization server</dt><dd>${run.target.embedded ? 'Embedded reference AS (started by the harness)' : 'External (not started by the harness)'}</dd>
<dt>Profiles</dt><dd>${run.profiles.map((p) => `${h(profileTitle(p))} <span class="mono small">(${h(p)})</span>`).join('<br>')}</dd>
<dt>Started</dt><dd>${h(formatDate(run.startedAt))}</dd>
<dt>Duration</dt><dd>${h(formatDuration(run.durationMs))}</dd>
<dt>Tool</dt><dd>${h(run.tool.name)} ${h(run.tool.version)}</dd>
</dl>
${run.aborted ? `<div class="aborted" role="alert"><strong>Run aborted</strong> (<code>${h(run.aborted.code)}</code>): ${h(run.aborted.message)}. Results gathered until then are included.</div>` : ''}
<div class="conclusion s-${verdict.kind}" id="conclusion" data-conclusion="${verdict.kind}">${verdictBadge(verdict.kind)} ${h(verdict.text)}</div>
${findings(rows)}
${opts.reportNote ? `<div class="note">${h(opts.reportNote)}</div>` : ''}
${countsTable(counts, `All results (${run.results.length})`, 'counts')}
${expectationsSection(run)}
${coverageTable(cov)}
<p class="small">Requirements: ${verdictCounts || 'none cited'}</p>
</section>
<section id="matrix-section" aria-labelledby="matrix-h">
<h2 id="matrix-h">Requirements and verdicts</h2>
<p class="small">Every requirement cited by a test in this run, with the tests that judged it. A requirement fails when a shall-level test citing it failed.</p>
${matrixTable(rows)}
</section>
<section id="results" aria-labelledby="results-h">
<h2 id="results-h">Results by profile</h2>
${[...byProfile].map(([p, rs]) => profileSection(run, p, rs, opts)).join('\n')}
</section>
<section id="legend" aria-labelledby="legend-h">
<h2 id="legend-h">How to read this report</h2>
<table class="small legend"><caption>Test statuses</caption><tbody>
<tr><th scope="row">${statusBadge('passed')}</th><td>The server behaved as the profile requires.</td></tr>
<tr><th scope="row">${statusBadge('failed')}</th><td>The server does not conform: a shall-level check failed.</td></tr>
<tr><th scope="row">${statusBadge('expected_failure')}</th><td>A failure the expect file (<code>--expect</code>) lists with a reason: the server still does not conform (its requirements stay failed), but the run does not fail for it.</td></tr>
<tr><th scope="row">${statusBadge('warning')}</th><td>Conformant, with a finding worth review: a should-level recommendation not followed.</td></tr>
<tr><th scope="row">${statusBadge('info')}</th><td>Informational: ${h(INFO_MEANING)} (a may-level check missed). Judged, but neither a pass nor a warning; it never fails the run.</td></tr>
<tr><th scope="row">${statusBadge('error')}</th><td>A harness or configuration problem; the behaviour was not judged.</td></tr>
<tr><th scope="row">${statusBadge('skipped')}</th><td>Not run (precondition missing, e.g. no suitable key configured).</td></tr>
<tr><th scope="row">${statusBadge('not_applicable')}</th><td>The profile says nothing about this behaviour, or the variant excludes it.</td></tr>
</tbody></table>
<table class="small legend"><caption>Requirement verdicts (first rule that applies)</caption><tbody>
<tr><th scope="row">${verdictBadge('failed')}</th><td>A shall-level test citing the requirement failed.</td></tr>
<tr><th scope="row">${verdictBadge('warning')}</th><td>A should-level check citing it missed: a test ended with a warning (or failed below shall level).</td></tr>
<tr><th scope="row">${verdictBadge('inconclusive')}</th><td>A test citing it ended in a harness error (e.g. <code>ERR_PRECONDITION</code>: the control request, the same request without the change under test, was refused), so it was not proven either way; the causes are listed with the test.</td></tr>
<tr><th scope="row">${verdictBadge('informational')}</th><td>A test citing it was informational: the server does not use this optional (may) behaviour. Not a failure, not a warning, not a pass.</td></tr>
<tr><th scope="row">${verdictBadge('passed')}</th><td>At least one test citing it passed, none failed, warned or was informational.</td></tr>
<tr><th scope="row">${verdictBadge('not_applicable')}</th><td>Every test citing it was not applicable.</td></tr>
<tr><th scope="row">${verdictBadge('not_tested')}</th><td>Only skipped tests cite it.</td></tr>
</tbody></table>
<p class="small">Coverage counts, per profile, the tests that judged the server (passed, failed, warned or informational), those not applicable and those that ended in a harness error (inconclusive), and the requirements cited at shall level: judged when a shall-level check citing them passed, failed, warned or was informational; inconclusive only when none did and a test citing them ended in an error; not applicable only when every shall-level test citing them was not applicable. A profile with no shall requirement judged proved nothing: <code>fapi-harness run</code> exits 3.</p>
<p class="small">Secrets (client secrets, tokens, authorization codes, private keys, cookies) are masked as <code>«redacted:abcd…#1234abcd»</code>: the first characters (long values only) and 8 hex digits of the SHA-256, so equal values compare equal without being disclosed.</p>
</section>
</main>
<footer>Generated by ${h(run.tool.name)} ${h(run.tool.version)} from the run started ${h(formatDate(run.startedAt))}. Detailed evidence (HTTP exchanges, decoded JWTs, check outcomes): ${opts.reportHref ? `<a href="${h(opts.reportHref)}" class="report-link">Allure report</a>, ` : ''}<span class="mono">allure-results/</span>, <span class="mono">junit.xml</span>.</footer>
</body>
</html>
`
}
