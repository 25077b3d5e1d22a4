import type { Check } from '../checks/define.js'
import type { ClientCertificates } from '../client/auth/client-certificates.js'
import type { Simulator } from '../client/simulator.js'
import type { BrowserDriver } from './browser.js'
import type { NotificationReceiver } from './notifications.js'
import type { ServerMetadata } from '../client/types.js'
import type { Level, RequirementId } from '../spec/requirements.js'
import type { AudienceKind, Profile, Surface } from './profile.js'

export interface ModuleContext {
  profile: Profile
  /** The target's metadata as discovered for this profile's issuer (cached per worker). */
  metadata: ServerMetadata
  /** The issuer the configuration names for this profile. */
  expectedIssuer: string
  sim: Simulator
  /**
   * The `aud` a well-behaved client uses under this profile: pinned by `client_assertion.aud`, else
   * the profile's preferred value until a control shows the target accepts only the other one
   * (see flow.ts `control`). Only the aud modules judge the aud rules.
   */
  audience: AudienceKind
  /** Whether `audience` was pinned by the configuration (no fallback is tried). */
  audiencePinned?: boolean
  /** Per worker and profile: what earlier modules learned of the target (e.g. the aud it accepts). */
  learned: { audience?: AudienceKind }
  /**
   * The end-user's browser for redirect flows (a fresh context per module, see browser.ts); absent
   * when none is available, and `noBrowser` says why.
   */
  browser?: BrowserDriver
  noBrowser?: string
  /**
   * The client notification endpoint of CIBA ping mode (notifications.ts), started on first use and
   * stopped with the worker; absent outside `fapi-harness run` (no run plan names its certificate).
   */
  notifications?: () => Promise<NotificationReceiver>
  /**
   * Client certificates made to order for the mutual-TLS modules, issued by the CA the run plan
   * says the target trusts (when it names one); one set per worker, each label made once.
   */
  certificates: ClientCertificates
  /** The protected resource that serves this profile's sender-constrained tokens, when one is known. */
  resourceUrl?: string
  sleep(ms: number): Promise<void>
}

/** One application of a check: the call site chooses the clauses and the level. */
export interface CheckUse<I = unknown> {
  check: Check<I>
  input: I
  /** Clauses added to the check's own for this profile. */
  requirements?: readonly RequirementId[]
  /** Severity at this call site; default: the strongest level of the requirements. */
  level?: Level
  /** The module step whose exchanges the check judges (register, control, variant, ...). */
  step?: string
}

export function use<I>(
  check: Check<I>,
  input: I,
  requirements: readonly RequirementId[] = [],
  level?: Level,
  step?: string,
): CheckUse<I> {
  return { check, input, requirements, ...(level ? { level } : {}), ...(step ? { step } : {}) }
}

export interface ModuleRun {
  /** What the profile expected, for the report (`accepted`, `refused`, or a phrase). */
  expected?: string
  uses: CheckUse<any>[]
  /** The variant judged, as data (client auth, grant, sender constraint, ...). */
  variant?: Record<string, string>
  /** What the registration asked for and what the AS granted. */
  registration?: {
    asked: Record<string, unknown>
    granted: Record<string, unknown>
    replaced: string[]
  }
}

/**
 * A module whose precondition did not hold: its control (the same request without the change) or
 * the twin registration was refused, so the change under test proves nothing. The result is
 * `error` with ERR_PRECONDITION and keeps the clauses, which the matrix shows as inconclusive.
 */
export interface Inconclusive {
  inconclusive: string
  requirements: readonly RequirementId[]
  level: Level
  expected?: string
}

export const inconclusive = (
  reason: string,
  requirements: readonly RequirementId[],
  level: Level,
  expected?: string,
): Inconclusive => ({
  inconclusive: reason,
  requirements,
  level,
  ...(expected ? { expected } : {}),
})
export const isInconclusive = (x: unknown): x is Inconclusive =>
  Boolean(x && typeof x === 'object' && 'inconclusive' in x)

export interface NotApplicable {
  notApplicable: string
  /** The clauses the module would have judged, so the requirement matrix shows them as not applicable. */
  requirements?: readonly RequirementId[]
}

export const notApplicable = (
  reason: string,
  requirements?: readonly RequirementId[],
): NotApplicable => ({
  notApplicable: reason,
  ...(requirements?.length ? { requirements } : {}),
})
export const isNotApplicable = (x: unknown): x is NotApplicable =>
  Boolean(x && typeof x === 'object' && 'notApplicable' in x)

/**
 * A test module: one behaviour of the server, driven by the simulator and judged by named checks.
 * The module id is the test id in every report.
 */
export interface Module {
  id: string
  title: string
  surface: Surface
  /** What the module does and why, for the report. */
  summary: string
  run(ctx: ModuleContext): Promise<ModuleRun | NotApplicable | Inconclusive>
}

export function defineModule(m: Module): Module {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.id))
    throw new TypeError(`module id ${m.id} is not kebab-case`)
  return m
}
