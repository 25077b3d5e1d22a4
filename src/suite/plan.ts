import { readFileSync } from 'node:fs'
import type { StaticClients, TargetParams } from '../client/simulator.js'
import { HarnessError } from '../errors.js'
import type { Credentials, LoginStep } from './browser.js'
import type { AudienceKind, ProfileId } from './profile.js'

/**
 * What the CLI hands to the test runner: one file, passed by path in FAPI_HARNESS_PLAN. It can
 * hold client secrets and the test CA key, so it lives in a private temp folder and is deleted
 * after the run; it is never copied into reports.
 */
export interface RunPlan {
  profiles: Array<{ id: ProfileId; issuer: string; discovery_url?: string }>
  trust: { ca: string[]; insecure: boolean }
  timeoutMs: number
  clients?: StaticClients
  initialAccessToken?: string
  /** false: ignore the target's registration_endpoint and use the configured clients. */
  dynamicRegistration?: boolean
  /** CA the target trusts for tls_client_auth, to issue client certificates. */
  clientCa?: { certPem: string; keyPem: string }
  outDir: string
  /** What the target needs sent: scope, registration metadata, token parameters, CIBA hints. */
  params?: TargetParams
  /** Pins the aud of client assertions outside the aud modules (config client_assertion.aud). */
  assertionAudience?: AudienceKind
  /** Protected resource enforcing certificate-bound tokens; `{issuer}` stands for the profile issuer. */
  resourceUrl?: string
  /** The end-user's login and consent steps and test user (config `browser`); defaults: the embedded AS's. */
  browser?: { login?: LoginStep[]; deny?: LoginStep[]; credentials?: Credentials }
  /**
   * The CIBA client notification endpoint (ping mode): the receiver's TLS certificate and key, a
   * fixed port and the public URL registered at the target (config `ciba.notification`).
   */
  notification?: { certPem: string; keyPem: string; port?: number; publicUrl?: string }
  /** Origins other than the issuer's that may receive credentials (config `allowed_origins`). */
  allowedOrigins?: string[]
  /** Private scratch folder of this run (the test runner's output), deleted afterwards. */
  workDir: string
  target: { issuer: string; embedded: boolean }
  startedAt: string
  /** The `--expect` file's entries: the progress lines mark a listed failure XFAIL (the CLI applies them to results.json). */
  expect?: Array<{
    id: string
    profile?: string
    variant?: Record<string, string>
    reason: string
    until?: string
  }>
}

export const PLAN_ENV = 'FAPI_HARNESS_PLAN'

/** Overrides the plan's `resourceUrl` (test hook: a proxy in front of the resource). */
export const RESOURCE_URL_ENV = 'FAPI_HARNESS_RESOURCE_URL'

/**
 * The protected resource that serves sender-constrained tokens for the profile whose issuer is
 * `issuer`. The embedded reference AS has one at `${issuer}/resource`. For an external target the
 * configuration's `resource_url` names it (`FAPI_HARNESS_RESOURCE_URL` overrides it); `{issuer}` is
 * replaced by the profile's issuer. Undefined when none is known.
 */
export function resourceUrlOf(plan: RunPlan, issuer: string): string | undefined {
  const template = process.env[RESOURCE_URL_ENV] ?? plan.resourceUrl
  if (template) return template.replaceAll('{issuer}', issuer.replace(/\/+$/, ''))
  return plan.target.embedded ? `${issuer.replace(/\/+$/, '')}/resource` : undefined
}

let cached: RunPlan | undefined

export function loadPlan(): RunPlan {
  if (cached) return cached
  const file = process.env[PLAN_ENV]
  if (!file)
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${PLAN_ENV} is not set: run the suites through \`fapi-harness run\``,
    )
  try {
    cached = JSON.parse(readFileSync(file, 'utf8')) as RunPlan
  } catch (e) {
    throw new HarnessError('ERR_CONFIG_INVALID', `cannot read the run plan ${file}`, { cause: e })
  }
  return cached
}
