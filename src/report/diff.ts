/**
 * `fapi-harness diff OLD NEW` and `run --baseline OLD`: what changed between two runs, as a view of
 * their results.json. Results are keyed by profile + module id + variant (two variants of one
 * module are two results). Pure: reading files is the CLI's business.
 *
 * - new failures: failing in NEW (failed or expected_failure), not failing (or absent) in OLD;
 * - fixed: failing in OLD, present and not failing in NEW;
 * - changed: any other status change of a result present in both;
 * - added / removed: results only in NEW / only in OLD;
 * - requirements: verdicts (results.json `coverage.<profile>.requirements`) that changed.
 *
 * A regression is a new failure whose NEW status is `failed`: an expected failure (listed in the
 * expect file) is reported, but is no regression.
 */
import type { ResultRecord, RunResults, Status } from '../suite/result.js'
import { coverage } from './coverage.js'
import { keyOf } from './expect.js'

export interface DiffRow {
  key: string
  profile: string
  id: string
  variant?: Record<string, string>
  old?: Status
  new?: Status
  /** NEW's message (OLD's for a removed result). */
  message: string
  /** For a new failure: the result is also new (absent in OLD). */
  added?: boolean
}

export interface RequirementChange {
  profile: string
  requirement: string
  old: string
  new: string
}

export interface RunDiff {
  old: { label: string; startedAt?: string; results: number }
  new: { label: string; startedAt?: string; results: number }
  newFailures: DiffRow[]
  fixed: DiffRow[]
  changed: DiffRow[]
  added: DiffRow[]
  removed: DiffRow[]
  requirements: RequirementChange[]
  /** New failures with status `failed` (not expected): what makes `run --baseline` exit 1. */
  regressions: DiffRow[]
}

const failing = (s: Status | undefined) => s === 'failed' || s === 'expected_failure'

function index(results: readonly ResultRecord[]): Map<string, ResultRecord> {
  const m = new Map<string, ResultRecord>()
  for (const r of results) m.set(keyOf(r), r)
  return m
}

function row(
  r: ResultRecord,
  old: ResultRecord | undefined,
  now: ResultRecord | undefined,
): DiffRow {
  return {
    key: keyOf(r),
    profile: r.profile,
    id: r.id,
    ...(r.variant && Object.keys(r.variant).length ? { variant: r.variant } : {}),
    ...(old ? { old: old.status } : {}),
    ...(now ? { new: now.status } : {}),
    message: (now ?? old)!.message,
  }
}

/** Keys of the failing results of a run (failed or expected): known failures for `--baseline`. */
export function failingKeys(run: Pick<RunResults, 'results'>): Set<string> {
  return new Set(run.results.filter((r) => failing(r.status)).map(keyOf))
}

export function diffRuns(
  oldRun: Pick<RunResults, 'results' | 'profiles' | 'startedAt' | 'coverage'>,
  newRun: Pick<RunResults, 'results' | 'profiles' | 'startedAt' | 'coverage'>,
  labels: { old: string; new: string } = { old: 'OLD', new: 'NEW' },
): RunDiff {
  const o = index(oldRun.results)
  const n = index(newRun.results)
  const d: RunDiff = {
    old: {
      label: labels.old,
      ...(oldRun.startedAt ? { startedAt: oldRun.startedAt } : {}),
      results: oldRun.results.length,
    },
    new: {
      label: labels.new,
      ...(newRun.startedAt ? { startedAt: newRun.startedAt } : {}),
      results: newRun.results.length,
    },
    newFailures: [],
    fixed: [],
    changed: [],
    added: [],
    removed: [],
    requirements: [],
    regressions: [],
  }
  for (const [k, now] of n) {
    const before = o.get(k)
    if (!before) {
      d.added.push(row(now, undefined, now))
      if (failing(now.status)) d.newFailures.push({ ...row(now, undefined, now), added: true })
      continue
    }
    if (before.status === now.status) continue
    if (failing(now.status) && !failing(before.status)) d.newFailures.push(row(now, before, now))
    else if (failing(before.status) && !failing(now.status)) d.fixed.push(row(now, before, now))
    else d.changed.push(row(now, before, now))
  }
  for (const [k, before] of o) if (!n.has(k)) d.removed.push(row(before, before, undefined))
  d.regressions = d.newFailures.filter((r) => r.new === 'failed')

  // requirement verdicts per profile, from the stored coverage or recomputed from the results
  const verdicts = (run: Pick<RunResults, 'results' | 'profiles' | 'coverage'>) => {
    const cov = run.coverage ?? coverage(run.results, run.profiles)
    const m = new Map<string, string>()
    for (const [p, c] of Object.entries(cov))
      for (const r of c?.requirements ?? []) m.set(`${p}\u0000${r.id}`, r.verdict)
    return m
  }
  const ov = verdicts(oldRun)
  const nv = verdicts(newRun)
  for (const k of new Set([...ov.keys(), ...nv.keys()])) {
    const a = ov.get(k) ?? 'not_cited'
    const b = nv.get(k) ?? 'not_cited'
    if (a === b) continue
    const [profile, requirement] = k.split('\u0000') as [string, string]
    d.requirements.push({ profile, requirement, old: a, new: b })
  }
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key)
  for (const list of [d.newFailures, d.fixed, d.changed, d.added, d.removed, d.regressions])
    list.sort(byKey)
  d.requirements.sort(
    (a, b) =>
      a.profile.localeCompare(b.profile) ||
      a.requirement.localeCompare(b.requirement, 'en', { numeric: true }),
  )
  return d
}

const SECTIONS: Array<
  [keyof Pick<RunDiff, 'newFailures' | 'fixed' | 'changed' | 'added' | 'removed'>, string]
> = [
  ['newFailures', 'New failures'],
  ['fixed', 'Fixed'],
  ['changed', 'Other status changes'],
  ['added', 'Added results'],
  ['removed', 'Removed results'],
]

const KIND = {
  newFailures: 'new failure',
  fixed: 'fixed',
  changed: 'changed',
  added: 'added',
  removed: 'removed',
} as const

/** One line: `2 new failures (1 regression), 1 fixed, 0 changed, 3 added, 0 removed, 2 requirement verdicts changed`. */
export function diffHeadline(d: RunDiff): string {
  const expected = d.newFailures.length - d.regressions.length
  return `${d.newFailures.length} new failures (${d.regressions.length} ${d.regressions.length === 1 ? 'regression' : 'regressions'}${expected ? `, ${expected} expected` : ''}), ${d.fixed.length} fixed, ${d.changed.length} other status changes, ${d.added.length} added, ${d.removed.length} removed, ${d.requirements.length} requirement verdicts changed`
}

const arrow = (r: DiffRow) => `${r.old ?? '(absent)'} -> ${r.new ?? '(absent)'}`

/** The terse terminal table: one line per change, kind first; a headline last. */
export function diffLines(
  d: RunDiff,
  textTable: (head: string[], rows: Array<Array<string | number>>) => string[],
): string[] {
  const rows: string[][] = []
  for (const [k] of SECTIONS) {
    for (const r of d[k]) {
      if (k === 'added' && failing(r.new)) continue // shown as a new failure
      rows.push([
        k === 'newFailures' && r.new === 'failed' ? 'REGRESSION' : KIND[k],
        r.key,
        arrow(r),
      ])
    }
  }
  for (const c of d.requirements)
    rows.push(['requirement', `${c.profile}/${c.requirement}`, `${c.old} -> ${c.new}`])
  const lines = rows.length
    ? textTable(['change', 'result', 'status'], rows)
    : ['No change between the runs.']
  return [...lines, '', diffHeadline(d)]
}

const md = (s: string) =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
    .replace(/([`*_<>])/g, '\\$1')

/** The Markdown a CI job posts as a comment. */
export function diffMarkdown(d: RunDiff): string {
  const out: string[] = []
  out.push(
    `### fapi-harness: ${d.regressions.length ? `❌ ${d.regressions.length} ${d.regressions.length === 1 ? 'regression' : 'regressions'}` : '✅ no regression'}`,
  )
  out.push('')
  out.push(`${diffHeadline(d)}.`)
  out.push('')
  out.push(
    `Compared ${md(d.old.label)} (${d.old.results} results${d.old.startedAt ? `, ${d.old.startedAt}` : ''}) with ${md(d.new.label)} (${d.new.results} results${d.new.startedAt ? `, ${d.new.startedAt}` : ''}).`,
  )
  for (const [k, title] of SECTIONS) {
    const rows = d[k]
    if (!rows.length) continue
    out.push(
      '',
      `#### ${title} (${rows.length})`,
      '',
      '| result | before | now | message |',
      '|---|---|---|---|',
    )
    for (const r of rows)
      out.push(
        `| \`${r.key.replace(/`/g, "'")}\`${r.new === 'failed' && k === 'newFailures' ? ' **regression**' : ''} | ${r.old ?? '—'} | ${r.new ?? '—'} | ${md(r.message).slice(0, 300)} |`,
      )
  }
  if (d.requirements.length) {
    out.push(
      '',
      `#### Requirement verdicts changed (${d.requirements.length})`,
      '',
      '| profile | requirement | before | now |',
      '|---|---|---|---|',
    )
    for (const c of d.requirements)
      out.push(`| ${c.profile} | ${c.requirement} | ${c.old} | ${c.new} |`)
  }
  return `${out.join('\n')}\n`
}
