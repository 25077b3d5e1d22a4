import { HarnessError, isHarnessError, oneLine } from '../errors.js'
import { redact } from '../http/redact.js'
import { decodeJws } from '../crypto/jws.js'
import { strongest, type Level, type RequirementId } from '../spec/requirements.js'
import { isInconclusive, isNotApplicable, type Module, type ModuleContext } from './module.js'
import type { ProfileId } from './profile.js'
import { worstStatus, type CheckOutcome, type Exchange, type ResultRecord } from './result.js'

const RANK: Record<Level, number> = { shall: 3, should: 2, may: 1 }

/**
 * Grade of a verdict at a call site: a miss of a `shall` fails, of a `should` warns, of a `may` is
 * `info` (the server does not use this optional behaviour: informational, not a finding).
 */
export function grade(
  ok: boolean,
  undecidable: boolean | undefined,
  level: Level,
): CheckOutcome['status'] {
  if (ok) return 'passed'
  if (undecidable) return 'error'
  return level === 'shall' ? 'failed' : level === 'should' ? 'warning' : 'info'
}

/** Decoded JWTs sent or received, as evidence (header and payload only). */
function withJwts(x: Exchange): Exchange {
  const jwts: NonNullable<Exchange['jwts']> = []
  const params =
    x.request.body &&
    x.request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(x.request.body)
      : undefined
  for (const name of ['client_assertion', 'request']) {
    const v = params?.get(name)
    const d = v ? decodeJws(v) : undefined
    if (d) jwts.push({ where: `request ${name}`, ...d })
  }
  return jwts.length ? { ...x, jwts } : x
}

/**
 * The result of a module the harness could not judge: status `error` with the ERR_* code; an
 * exception that is not a HarnessError is an internal error (see internalError). `step` names
 * the step it ended in.
 */
export function errorRecord(
  module: Module,
  profile: ProfileId,
  e: unknown,
  step?: string,
): ResultRecord {
  const where = step ? `step ${step}: ` : ''
  return {
    id: module.id,
    title: module.title,
    profile,
    surface: module.surface,
    summary: module.summary,
    requirements: [],
    level: 'shall',
    status: 'error',
    message: where + (isHarnessError(e) ? oneLine(e) : internalError(e)),
    errorCode: isHarnessError(e) ? e.code : 'ERR_INTERNAL',
    durationMs: 0,
    checks: [],
    exchanges: [],
  }
}

/**
 * An exception that is not a HarnessError, in one line: its type and message; the top of its
 * stack only with `--debug` (FAPI_HARNESS_DEBUG), so a report never carries a stack trace otherwise.
 */
export function internalError(e: unknown): string {
  if (process.env.FAPI_HARNESS_DEBUG && e instanceof Error && e.stack)
    return `internal error: ${e.stack.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ')}`
  return `internal error: ${e instanceof Error ? `${e.name}: ${oneLine(e)}` : String(e)}`
}

/**
 * An inconclusive message names where it ended: the step and request of the control (or of the
 * last exchange), unless it already names the URL.
 */
function withWhere(message: string, exchanges: readonly Exchange[], step = 'control'): string {
  const x = [...exchanges].reverse().find((e) => e.step === step) ?? exchanges.at(-1)
  if (!x || message.includes(x.request.url)) return message
  return `${message} [${x.step ? `step ${x.step}: ` : ''}${x.request.method} ${x.request.url}]`
}

/**
 * Runs one module and turns what it observed into a result record. The record is redacted here,
 * before it leaves the worker: it is the only thing the reporter ever sees.
 */
export async function runModule(module: Module, ctx: ModuleContext): Promise<ResultRecord> {
  const started = performance.now()
  const base = {
    id: module.id,
    title: module.title,
    profile: ctx.profile.id,
    surface: module.surface,
    summary: module.summary,
  }
  let record: ResultRecord
  try {
    const run = await module.run(ctx)
    if (isNotApplicable(run)) {
      const requirements = [...(run.requirements ?? [])]
      record = {
        ...base,
        requirements,
        level: requirements.length ? strongest(requirements) : 'may',
        status: 'not_applicable',
        message: run.notApplicable,
        durationMs: 0,
        checks: [],
        exchanges: [],
      }
    } else if (isInconclusive(run)) {
      record = {
        ...base,
        requirements: [...new Set(run.requirements)],
        level: run.level,
        status: 'error',
        errorCode: 'ERR_PRECONDITION',
        message: withWhere(run.inconclusive, ctx.sim.exchanges),
        durationMs: 0,
        ...(run.expected ? { expected: run.expected } : {}),
        checks: [],
        exchanges: [],
      }
    } else {
      const checks: CheckOutcome[] = []
      for (const u of run.uses) {
        const requirements = [
          ...new Set<RequirementId>([...u.check.requirements, ...(u.requirements ?? [])]),
        ]
        const level = u.level ?? (requirements.length ? strongest(requirements) : 'shall')
        const at = u.step ? { step: u.step } : {}
        try {
          const v = await u.check.evaluate(u.input)
          checks.push({
            check: u.check.id,
            title: u.check.title,
            requirements,
            level,
            status: grade(v.ok, v.undecidable, level),
            message: v.message,
            ...at,
            ...(v.evidence ? { evidence: v.evidence } : {}),
          })
        } catch (e) {
          checks.push({
            check: u.check.id,
            title: u.check.title,
            requirements,
            level,
            status: 'error' as const,
            message: `check threw: ${oneLine(e)}`,
            ...at,
          })
        }
      }
      if (!checks.length)
        throw new HarnessError(
          'ERR_INTERNAL',
          `module ${module.id} judged nothing: it returned no checks`,
        )
      const status = worstStatus(checks)
      const primary = checks.find((c) => c.status === status) ?? checks[0]
      const refusal = checks.find((c) => typeof c.evidence?.refusedAt === 'string')?.evidence
        ?.refusedAt
      record = {
        ...base,
        requirements: [...new Set(checks.flatMap((c) => c.requirements))],
        level: checks.reduce<Level>((l, c) => (RANK[c.level] > RANK[l] ? c.level : l), 'may'),
        status,
        // an undecided check names where it stood, like an inconclusive module
        message:
          status === 'error' && primary
            ? withWhere(primary.message, ctx.sim.exchanges, primary.step)
            : (primary?.message ?? 'no checks'),
        durationMs: 0,
        ...(run.expected ? { expected: run.expected } : {}),
        ...(typeof refusal === 'string' ? { refusedAt: refusal } : {}),
        ...(run.variant ? { variant: run.variant } : {}),
        ...(run.registration ? { registration: run.registration } : {}),
        checks,
        exchanges: [],
      }
    }
  } catch (e) {
    record = errorRecord(module, ctx.profile.id, e, ctx.sim.steps.at(-1)?.name)
  }
  record.exchanges = ctx.sim.exchanges.map(withJwts)
  if (ctx.sim.steps.length) record.steps = ctx.sim.steps.map((st) => ({ ...st }))
  record.durationMs = Math.round(performance.now() - started)
  return redact(record, ctx.sim.secrets)
}
