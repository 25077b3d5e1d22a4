/**
 * Applying an expect file to a run's results (pure). A `failed` result an entry selects becomes
 * `expected_failure`, carrying the entry's reason: not a pass, shown apart in every report, and not
 * a cause of exit code 1. An entry past its `until` date no longer applies (reported `expired`); an
 * entry that selects no result, or whose results no longer fail, is reported stale.
 *
 * Results are keyed by profile + module id + variant (`keyOf`), like the diff.
 */
import type { ExpectEntry } from '../config/expect.js'
import type { ExpectationEntry, ExpectationsReport, ResultRecord } from '../suite/result.js'

/** `profile/id` or `profile/id[k=v,...]` (variant members sorted): the key of a result across runs. */
export function keyOf(r: Pick<ResultRecord, 'profile' | 'id' | 'variant'>): string {
  const v =
    r.variant && Object.keys(r.variant).length
      ? `[${Object.entries(r.variant)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => `${k}=${x}`)
          .join(',')}]`
      : ''
  return `${r.profile}/${r.id}${v}`
}

/** A glob (`*` any characters, `?` one) as an anchored regular expression. */
export function globRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  )
}

/** Whether an entry selects a result: id, profile and every variant member it names. */
export function selects(
  e: ExpectEntry,
  r: Pick<ResultRecord, 'profile' | 'id' | 'variant'>,
): boolean {
  if (!globRegExp(e.id).test(r.id)) return false
  if (e.profile !== undefined && !globRegExp(e.profile).test(r.profile)) return false
  for (const [k, v] of Object.entries(e.variant ?? {})) {
    const got = r.variant?.[k]
    if (got === undefined || !globRegExp(v).test(got)) return false
  }
  return true
}

/** `YYYY-MM-DD` of a date, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10)

/** Whether the entry is past its `until` date on `today` (the until day itself still applies). */
export const expired = (e: ExpectEntry, today: string): boolean =>
  e.until !== undefined && today > e.until

/**
 * Returns the records with listed failures turned into `expected_failure`, and the report of every
 * entry. Idempotent: an `expected_failure` in the input is judged again as the failure it is (so a
 * merge can re-apply the entries to the shards' results). The first entry that selects a failure
 * claims it.
 */
export function applyExpectations(
  records: readonly ResultRecord[],
  entries: readonly ExpectEntry[],
  file: string,
  today: string = isoDay(new Date()),
): { records: ResultRecord[]; report: ExpectationsReport } {
  const report: ExpectationEntry[] = entries.map((e, i) => ({
    entry: i,
    id: e.id,
    ...(e.profile !== undefined ? { profile: e.profile } : {}),
    ...(e.variant ? { variant: e.variant } : {}),
    reason: e.reason,
    ...(e.until !== undefined ? { until: e.until } : {}),
    selected: [],
    matched: [],
    ...(expired(e, today) ? { expired: true } : {}),
  }))
  const failing = new Set<string>()
  const out = records.map((orig) => {
    const { expectation: _e, ...r } = orig
    const base: ResultRecord =
      orig.status === 'expected_failure' ? { ...r, status: 'failed' } : orig.expectation ? r : orig
    let claimed = false
    if (base.status === 'failed') failing.add(keyOf(base))
    let result = base
    for (const [i, e] of entries.entries()) {
      if (report[i]!.expired || !selects(e, base)) continue
      const key = keyOf(base)
      report[i]!.selected.push(key)
      if (base.status === 'failed' && !claimed) {
        claimed = true
        report[i]!.matched.push(key)
        result = {
          ...base,
          status: 'expected_failure',
          expectation: {
            reason: e.reason,
            ...(e.until !== undefined ? { until: e.until } : {}),
            entry: i,
          },
        }
      }
    }
    return result
  })
  for (const x of report) {
    if (x.expired) continue
    if (!x.selected.length) x.stale = 'matched-nothing'
    else if (!x.selected.some((k) => failing.has(k))) x.stale = 'no-longer-fails'
  }
  return { records: out, report: { file, entries: report } }
}

/** Terminal lines about the expect file: expected failures, stale and expired entries. */
export function expectationLines(rep: ExpectationsReport): string[] {
  const matched = rep.entries.reduce((n, e) => n + e.matched.length, 0)
  const stale = rep.entries.filter((e) => e.stale)
  const gone = rep.entries.filter((e) => e.expired)
  const sel = (e: ExpectationEntry) =>
    `#${e.entry + 1} ${e.profile ?? '*'}/${e.id}${
      e.variant
        ? `[${Object.entries(e.variant)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}]`
        : ''
    }`
  const lines = [
    ``,
    `Expect file ${rep.file}: ${matched} expected ${matched === 1 ? 'failure' : 'failures'} from ${rep.entries.length} ${rep.entries.length === 1 ? 'entry' : 'entries'}; ${stale.length} stale, ${gone.length} expired`,
  ]
  for (const e of rep.entries)
    for (const k of e.matched)
      lines.push(`  EXPECTED ${k}: ${e.reason}${e.until ? ` (until ${e.until})` : ''}`)
  for (const e of stale)
    lines.push(
      `  STALE    ${sel(e)}: ${e.stale === 'matched-nothing' ? 'matched no result of this run' : `its results no longer fail (${e.selected.join(', ')})`}; remove it`,
    )
  for (const e of gone) lines.push(`  EXPIRED  ${sel(e)}: past ${e.until}, no longer applied`)
  return lines
}
