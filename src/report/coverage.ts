/**
 * Coverage: what each profile's results proved. Written to results.json (`coverage`), shown in the
 * terminal and in summary.html, and behind exit code 3 ("nothing was proven for profile X").
 * Computed from the result records alone, like every other view of a run.
 *
 * A result that ended in `error` (e.g. ERR_PRECONDITION: the control request was refused) keeps its
 * requirement ids and level but proves nothing: its requirements are inconclusive, never passed,
 * never failed. An `info` result (an optional, may-level behaviour the server does not use) was
 * judged: it counts among the judged modules, and a shall requirement it cites at shall level is
 * judged; a requirement whose results are informational has the verdict `informational`.
 */
import type { Level, RequirementId } from '../spec/requirements.js'
import { PROFILE_IDS, type ProfileId } from '../suite/profile.js'
import type { ProfileCoverage, RequirementRow, ResultRecord, Status } from '../suite/result.js'
import { requirementMatrix, type MatrixRow } from './matrix.js'

/** Statuses of a result that judged the server (an `info` result did: the behaviour is unused). */
const JUDGED: ReadonlySet<Status> = new Set([
  'passed',
  'failed',
  'expected_failure',
  'warning',
  'info',
])
const RANK: Record<Level, number> = { shall: 3, should: 2, may: 1 }

/** Module counts of one profile's results. */
export function moduleCounts(
  results: readonly Pick<ResultRecord, 'status'>[],
): ProfileCoverage['modules'] {
  const n = (s: Status) => results.filter((r) => r.status === s).length
  const m = {
    passed: n('passed'),
    failed: n('failed'),
    expectedFailures: n('expected_failure'),
    warnings: n('warning'),
    info: n('info'),
    notApplicable: n('not_applicable'),
    skipped: n('skipped'),
    errors: n('error'),
  }
  return {
    total: results.length,
    judged: m.passed + m.failed + m.expectedFailures + m.warnings + m.info,
    ...m,
  }
}

/** How one requirement stands at shall level, from its per-requirement views; undefined when no shall-level result cites it. */
export function shallStanding(
  views: readonly Pick<ResultRecord, 'status' | 'level'>[],
): keyof Omit<ProfileCoverage['shall'], 'total'> | undefined {
  const shall = views.filter((v) => v.level === 'shall')
  if (!shall.length) return undefined
  if (shall.some((v) => JUDGED.has(v.status))) return 'judged'
  if (shall.some((v) => v.status === 'error')) return 'inconclusive'
  if (shall.some((v) => v.status === 'not_applicable')) return 'notApplicable'
  return 'notTested'
}

/** A matrix row as results.json lists it: ids, strongest level, verdict, the results and causes. */
export function requirementRow(row: MatrixRow): RequirementRow {
  const level = row.results.reduce<Level>((l, r) => (RANK[r.level] > RANK[l] ? r.level : l), 'may')
  return {
    id: row.requirement.id as RequirementId,
    level,
    verdict: row.verdict,
    results: [...new Set(row.results.map((r) => r.id))].sort(),
    ...(row.causes.length
      ? {
          inconclusive: row.causes.map(({ profile, id, errorCode, message }) => ({
            profile,
            id,
            ...(errorCode ? { errorCode } : {}),
            message,
          })),
        }
      : {}),
  }
}

/** Coverage of one profile's results. */
export function profileCoverage(results: readonly ResultRecord[]): ProfileCoverage {
  const rows = requirementMatrix(results)
  const shall: ProfileCoverage['shall'] = {
    total: 0,
    judged: 0,
    inconclusive: 0,
    notApplicable: 0,
    notTested: 0,
  }
  for (const row of rows) {
    const standing = shallStanding(row.results)
    if (!standing) continue
    shall.total++
    shall[standing]++
  }
  return { modules: moduleCounts(results), shall, requirements: rows.map(requirementRow) }
}

/**
 * Coverage per profile: every profile in `profiles` (the selected ones, even without results)
 * and every profile a result names, in the registry's profile order.
 */
export function coverage(
  results: readonly ResultRecord[],
  profiles: readonly ProfileId[] = [],
): Partial<Record<ProfileId, ProfileCoverage>> {
  const present = new Set<ProfileId>([...profiles, ...results.map((r) => r.profile)])
  const order = [
    ...PROFILE_IDS.filter((p) => present.has(p)),
    ...[...present].filter((p) => !(PROFILE_IDS as readonly string[]).includes(p)),
  ]
  return Object.fromEntries(
    order.map((p) => [p, profileCoverage(results.filter((r) => r.profile === p))]),
  )
}

/**
 * Profiles whose results judged no shall requirement at all (every shall-level result was not
 * applicable, skipped or an error, or there was none): nothing was proven for them.
 */
export function unproven(cov: Partial<Record<ProfileId, ProfileCoverage>>): ProfileId[] {
  return (Object.entries(cov) as Array<[ProfileId, ProfileCoverage]>)
    .filter(([, c]) => c.shall.judged === 0)
    .map(([p]) => p)
}

/** One line saying why nothing was proven for a profile, e.g. `fapi1-advanced (1 result: 1 not applicable; 1 shall requirement: 1 not applicable)`. */
export function unprovenReason(profile: ProfileId, c: ProfileCoverage): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  const m = c.modules
  const parts = (pairs: Array<[number, string]>) =>
    pairs
      .filter(([n]) => n > 0)
      .map(([n, w]) => `${n} ${w}`)
      .join(', ')
  const modules = m.total
    ? `${plural(m.total, 'result')}: ${parts([
        [m.judged, 'judged, none at shall level'],
        [m.notApplicable, 'not applicable'],
        [m.errors, 'error'],
        [m.skipped, 'skipped'],
      ])}`
    : 'no result'
  const s = c.shall
  const shall = s.total
    ? `${plural(s.total, 'shall requirement')}: ${parts([
        [s.inconclusive, 'inconclusive'],
        [s.notApplicable, 'not applicable'],
        [s.notTested, 'not tested'],
      ])}`
    : 'no shall requirement cited'
  return `${profile} (${modules}; ${shall})`
}
