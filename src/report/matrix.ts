/**
 * Requirement → verdict matrix: for each requirement id cited by any result, the results that
 * prove it and one overall verdict.
 *
 * Verdict, first rule that applies (worst first, like a result's status: failed > error >
 * warning > info > passed):
 * 1. `failed`         a shall-level result citing it failed (an `expected_failure` too: the
 *                     expect file excuses the run, not the server);
 * 2. `warning`        a result citing it failed at should/may level, or ended with a warning;
 * 3. `inconclusive`   a result citing it ended in a harness error (the clause was not proven);
 * 4. `informational`  a result citing it ended `info`: the server does not use this optional (may)
 *                     behaviour; judged, but neither passed nor a warning;
 * 5. `passed`         at least one result citing it passed;
 * 6. `not_applicable` every result citing it was not applicable;
 * 7. `not_tested`     otherwise (only skipped, or skipped and not applicable).
 *
 * A result is judged per requirement: where its checks say which clauses they prove, only the
 * checks citing the requirement count (a test failing one clause does not fail the others it
 * cites); the row lists the result with that per-requirement status and level. A result that
 * ended in `error` (its control request was refused, ERR_PRECONDITION; a step could not run; an
 * internal error) is inconclusive for every requirement it cites, whatever checks it passed on the
 * way: it never passes nor fails one. The row names the causes (result ids and messages).
 */
import {
  worstStatus,
  type InconclusiveCause,
  type ResultRecord,
  type RequirementVerdict,
} from '../suite/result.js'
import { requirementInfo, type RequirementInfo } from './common.js'

export type Verdict = RequirementVerdict

export const VERDICT_WORD: Record<Verdict, string> = {
  failed: 'Failed',
  warning: 'Warning',
  inconclusive: 'Inconclusive',
  informational: 'Informational',
  passed: 'Passed',
  not_applicable: 'Not applicable',
  not_tested: 'Not tested',
}

export interface MatrixRow {
  requirement: RequirementInfo
  verdict: Verdict
  /** The results citing it, each as far as this requirement is concerned (`asFarAs`). */
  results: ResultRecord[]
  /** Why some results could not decide it: one entry per result whose view is `error`. */
  causes: InconclusiveCause[]
}

export function verdictOf(results: readonly Pick<ResultRecord, 'status' | 'level'>[]): Verdict {
  const failed = (r: Pick<ResultRecord, 'status'>) =>
    r.status === 'failed' || r.status === 'expected_failure'
  if (results.some((r) => failed(r) && r.level === 'shall')) return 'failed'
  if (results.some((r) => failed(r) || r.status === 'warning')) return 'warning'
  if (results.some((r) => r.status === 'error')) return 'inconclusive'
  if (results.some((r) => r.status === 'info')) return 'informational'
  if (results.some((r) => r.status === 'passed')) return 'passed'
  if (results.length > 0 && results.every((r) => r.status === 'not_applicable'))
    return 'not_applicable'
  return 'not_tested'
}

const VERDICT_ORDER: Record<Verdict, number> = {
  failed: 0,
  warning: 1,
  inconclusive: 2,
  informational: 3,
  passed: 4,
  not_applicable: 5,
  not_tested: 6,
}

/** Natural order of ids: FAPI1-ADV-5.2.2-14 after FAPI1-ADV-5.2.2-4. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

const RANK = { shall: 3, should: 2, may: 1 } as const

/**
 * The result as far as one requirement is concerned: status and level of the checks citing it
 * (the worst of them: failed > error > warning > info > passed).
 * An `error` result stays `error` for every requirement: a harness error proves nothing.
 */
export function asFarAs(r: ResultRecord, id: string): ResultRecord {
  const cs = (r.checks ?? []).filter((c) => c.requirements.includes(id as never))
  if (!cs.length) return r
  const worst = r.status === 'error' ? 'error' : worstStatus(cs)
  // a listed failure stays listed for each requirement it fails
  const status = r.status === 'expected_failure' && worst === 'failed' ? 'expected_failure' : worst
  const level = cs.reduce<ResultRecord['level']>(
    (l, c) => (RANK[c.level] > RANK[l] ? c.level : l),
    'may',
  )
  return status === r.status && level === r.level ? r : { ...r, status, level }
}

/**
 * Why `r` could not decide requirement `id`, or undefined when it did: the result's ERR_* code
 * and message, or, in a result that was otherwise judged, the message of the undecidable check.
 */
export function causeOf(r: ResultRecord, id: string): InconclusiveCause | undefined {
  const cause = (message: string): InconclusiveCause => ({
    profile: r.profile,
    id: r.id,
    ...(r.errorCode ? { errorCode: r.errorCode } : {}),
    message,
  })
  if (r.status === 'error') return cause(r.message)
  if (asFarAs(r, id).status !== 'error') return undefined
  const check = (r.checks ?? []).find(
    (c) => c.status === 'error' && c.requirements.includes(id as never),
  )
  return cause(check ? `${check.check}: ${check.message}` : r.message)
}

/** Rows in registry-natural id order (or by verdict, worst first, with `byVerdict`). */
export function requirementMatrix(
  results: readonly ResultRecord[],
  opts: { byVerdict?: boolean } = {},
): MatrixRow[] {
  const byId = new Map<string, ResultRecord[]>()
  for (const r of results) {
    for (const id of new Set(r.requirements)) {
      let list = byId.get(id)
      if (!list) byId.set(id, (list = []))
      list.push(r)
    }
  }
  const rows = [...byId].map(([id, rs]): MatrixRow => {
    const views = rs.map((r) => asFarAs(r, id))
    const causes = rs
      .map((r) => causeOf(r, id))
      .filter((c): c is InconclusiveCause => c !== undefined)
    return { requirement: requirementInfo(id), verdict: verdictOf(views), results: views, causes }
  })
  rows.sort((a, b) =>
    opts.byVerdict
      ? VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
        compareIds(a.requirement.id, b.requirement.id)
      : compareIds(a.requirement.id, b.requirement.id),
  )
  return rows
}
