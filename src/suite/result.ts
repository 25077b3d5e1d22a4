import type { Level, RequirementId } from '../spec/requirements.js'
import type { ProfileId, Surface } from './profile.js'

/** Status of one result, as written to results.json. */
export type Status = 'passed' | 'failed' | 'warning' | 'skipped' | 'not_applicable' | 'error'

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
  /** Decoded JWTs sent or received in this exchange (header and payload only; signatures are dropped). */
  jwts?: Array<{ where: string; header: Record<string, unknown>; payload: Record<string, unknown> }>
  durationMs: number
}

/** The verdict of one check within a module, with the call-site level and requirement ids. */
export interface CheckOutcome {
  check: string
  title: string
  requirements: RequirementId[]
  level: Level
  status: 'passed' | 'failed' | 'warning' | 'error'
  message: string
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
  exchanges: Exchange[]
  /** The error code for status `error` (an `ERR_*` code). */
  errorCode?: string
  /** PNG screenshots or other binary evidence, base64 (browser steps). */
  attachments?: Array<{ name: string; contentType: string; base64: string }>
}

export interface RunSummary {
  passed: number
  failed: number
  warnings: number
  skipped: number
  notApplicable: number
  errors: number
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
}

export function summarize(results: readonly Pick<ResultRecord, 'status'>[]): RunSummary {
  const s: RunSummary = { passed: 0, failed: 0, warnings: 0, skipped: 0, notApplicable: 0, errors: 0 }
  for (const r of results) {
    if (r.status === 'passed') s.passed++
    else if (r.status === 'failed') s.failed++
    else if (r.status === 'warning') s.warnings++
    else if (r.status === 'skipped') s.skipped++
    else if (r.status === 'not_applicable') s.notApplicable++
    else s.errors++
  }
  return s
}
