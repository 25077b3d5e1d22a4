import type { Level, RequirementId } from '../spec/requirements.js'
import type { ProfileId, Surface } from './profile.js'

/**
 * Status of one result, as written to results.json. `info`: the server does not use an optional
 * (`may`) behaviour the result judged; informational, never a warning and never counted as passed.
 * A judged result takes the status of its worst check: failed > error > warning > info > passed.
 * `expected_failure`: a failed result an entry of the `--expect` file names (src/report/expect.ts);
 * still a failure of the server (its requirements stay failed), not a pass, but it does not fail
 * the run.
 */
export type Status =
  | 'passed'
  | 'failed'
  | 'expected_failure'
  | 'warning'
  | 'info'
  | 'skipped'
  | 'not_applicable'
  | 'error'

/** One HTTP exchange the simulator recorded, already redacted. Bodies are text as on the wire. */
export interface Exchange {
  /** What the exchange was for: `discovery`, `registration`, `token`, `backchannel_authentication`, ... */
  purpose: string
  request: {
    method: string
    url: string
    headers: Record<string, string>
    body?: string
    /** The TLS client certificate presented, if any: subject and SHA-256 thumbprint, never the key. */
    client_certificate?: { subject: string; x5t_s256: string }
  }
  response?: {
    status: number
    headers: Record<string, string>
    body?: string
  }
  /** Set instead of `response` when the exchange failed below HTTP (refused handshake, reset, timeout). */
  transport_error?: { code: string; message: string }
  /** The module step it was made in (register, control, variant, ...). */
  step?: string
  /** Decoded JWTs sent or received in this exchange (header and payload only; signatures are dropped). */
  jwts?: Array<{ where: string; header: Record<string, unknown>; payload: Record<string, unknown> }>
  durationMs: number
}

/**
 * The verdict of one check within a module, with the call-site level and requirement ids. A missed
 * check is `failed` at shall, `warning` at should, `info` at may (the server does not use this
 * optional behaviour); `error` when it could not decide.
 */
export interface CheckOutcome {
  check: string
  title: string
  requirements: RequirementId[]
  level: Level
  status: 'passed' | 'failed' | 'warning' | 'info' | 'error'
  message: string
  /** The step whose exchanges it judged. */
  step?: string
  evidence?: Record<string, unknown>
}

/**
 * One test result. The first group of fields is the public results.json interface (issue #2);
 * the rest is detail for reports. Everything in here is redacted before it leaves the worker.
 */
export interface ResultRecord {
  id: string
  title: string
  profile: ProfileId
  requirements: RequirementId[]
  level: Level
  status: Status
  message: string
  durationMs: number
  // detail
  surface: Surface
  summary?: string
  /** What the profile expected: `accepted`, `refused`, or a free description for other modules. */
  expected?: string
  /** Where a refusal happened: `registration` or the endpoint name; `none` when it was accepted. */
  refusedAt?: string
  checks: CheckOutcome[]
  /** The module's steps in order (register, control, variant, ...), each with how it ended. */
  steps?: Array<{ name: string; title: string; outcome?: string }>
  /** The variant judged: client auth, grant, sender constraint, ... as data, not a module id. */
  variant?: Record<string, string>
  /** What a registration asked for and what the AS granted, where they differ or matter. */
  registration?: {
    asked: Record<string, unknown>
    granted: Record<string, unknown>
    replaced: string[]
  }
  exchanges: Exchange[]
  /** The error code for status `error` (an `ERR_*` code). */
  errorCode?: string
  /** Set on an `expected_failure`: the `--expect` entry that names it. */
  expectation?: { reason: string; until?: string; entry: number }
  /** PNG screenshots or other binary evidence, base64 (browser steps). */
  attachments?: Array<{ name: string; contentType: string; base64: string }>
}

export interface RunSummary {
  passed: number
  failed: number
  /** Failed results an `--expect` entry names (status `expected_failure`); not in `failed`. */
  expectedFailures: number
  warnings: number
  /** Results with status `info`: an optional (may) behaviour the server does not use. */
  info: number
  skipped: number
  notApplicable: number
  errors: number
}

/**
 * Verdict of one requirement over the results citing it (rules in src/report/matrix.ts).
 * `inconclusive`: a result citing it ended in a harness error, so the clause was not proven.
 * `informational`: judged, and the server does not use the optional behaviour (an `info` result).
 */
export type RequirementVerdict =
  | 'failed'
  | 'warning'
  | 'inconclusive'
  | 'informational'
  | 'passed'
  | 'not_applicable'
  | 'not_tested'

/** Why a requirement is inconclusive: one `error` result (or undecidable check) citing it. */
export interface InconclusiveCause {
  profile: ProfileId
  /** The result (module) id. */
  id: string
  /** The ERR_* code of the result, when it ended in `error`. */
  errorCode?: string
  /** The one-line message, e.g. `control refused: HTTP 400 invalid_scope`. */
  message: string
}

/** One requirement of a profile, as results.json lists it under `coverage.<profile>.requirements`. */
export interface RequirementRow {
  id: RequirementId
  /** The strongest level at which the profile's results cite it. */
  level: Level
  verdict: RequirementVerdict
  /** Ids of the results citing it. */
  results: string[]
  /** Present when some result citing it could not decide it. */
  inconclusive?: InconclusiveCause[]
}

/**
 * What a profile's results proved (results.json `coverage.<profile>`). Modules are results;
 * `judged` ones passed, failed, warned or ended `info`. A requirement counts under `shall` when
 * some result cites it at shall level; it is `judged` when a shall-level check citing it passed,
 * failed, warned or ended `info`, `inconclusive` when none did and an `error` result cites it, `notApplicable` when every
 * shall-level result citing it was not applicable (`notTested`: only skipped ones).
 */
export interface ProfileCoverage {
  modules: {
    total: number
    judged: number
    passed: number
    failed: number
    /** Failed results the `--expect` file names (judged: the server still fails them). */
    expectedFailures: number
    warnings: number
    info: number
    notApplicable: number
    skipped: number
    errors: number
  }
  shall: {
    total: number
    judged: number
    inconclusive: number
    notApplicable: number
    notTested: number
  }
  requirements: RequirementRow[]
}

/** results.json */
export interface RunResults {
  tool: { name: string; version: string }
  target: { issuer: string; embedded: boolean; issuers?: Partial<Record<ProfileId, string>> }
  profiles: ProfileId[]
  startedAt: string
  durationMs: number
  summary: RunSummary
  results: ResultRecord[]
  /** Set when the run could not complete: the one-line cause. Results gathered so far are kept. */
  aborted?: { code: string; message: string }
  /** The `--expect` file applied to this run, its entries and which are stale (src/report/expect.ts). */
  expectations?: ExpectationsReport
  /** Set on a merged run (`fapi-harness merge`): the shard outputs it combines. */
  merged?: { from: string[]; shards?: string[] }
  /** Set on a shard's run (`--shard i/n`). */
  shard?: { index: number; total: number }
  /** Per selected profile, what its results proved: computed from `results` (src/report/coverage.ts). */
  coverage?: Partial<Record<ProfileId, ProfileCoverage>>
}

/** One entry of an `--expect` file as results.json reports it. */
export interface ExpectationEntry {
  /** Index in the file's `expected_failures` list (0-based). */
  entry: number
  id: string
  profile?: string
  variant?: Record<string, string>
  reason: string
  until?: string
  /** Results it selects, whatever their status (`profile/id[variant]`). */
  selected: string[]
  /** Results it turned into expected failures (`profile/id[variant]`). */
  matched: string[]
  /** `matched-nothing`: no result of this run fits it; `no-longer-fails`: it selects results, none of which failed; `expired`: past `until`, no longer applied. */
  stale?: 'matched-nothing' | 'no-longer-fails'
  expired?: boolean
}

export interface ExpectationsReport {
  file: string
  entries: ExpectationEntry[]
}

/** Check statuses worst first: a judged result takes the first one any of its checks has. */
export const CHECK_PRECEDENCE: ReadonlyArray<CheckOutcome['status']> = [
  'failed',
  'error',
  'warning',
  'info',
  'passed',
]

/** Status of a judged result (or of its checks citing one requirement): failed > error > warning > info > passed. */
export function worstStatus(
  checks: ReadonlyArray<Pick<CheckOutcome, 'status'>>,
): CheckOutcome['status'] {
  return CHECK_PRECEDENCE.find((s) => checks.some((c) => c.status === s)) ?? 'passed'
}

export function summarize(results: readonly Pick<ResultRecord, 'status'>[]): RunSummary {
  const s: RunSummary = {
    passed: 0,
    failed: 0,
    expectedFailures: 0,
    warnings: 0,
    info: 0,
    skipped: 0,
    notApplicable: 0,
    errors: 0,
  }
  for (const r of results) {
    if (r.status === 'passed') s.passed++
    else if (r.status === 'failed') s.failed++
    else if (r.status === 'expected_failure') s.expectedFailures++
    else if (r.status === 'warning') s.warnings++
    else if (r.status === 'info') s.info++
    else if (r.status === 'skipped') s.skipped++
    else if (r.status === 'not_applicable') s.notApplicable++
    else s.errors++
  }
  return s
}
