import type { ServerMetadata } from '../client/types.js'
import type { KeyKind } from '../crypto/keys.js'
import { strongest, type Level, type RequirementId } from '../spec/requirements.js'
import { isNotApplicable, notApplicable, type NotApplicable } from './module.js'
import type { ClientSpec } from '../client/simulator.js'
import type { ClientAuthMethod, JwsAlg, Profile, Rule } from './profile.js'

/** What the profile expects of one attempt, and the clauses that say so. */
export interface Expectation {
  outcome: 'accepted' | 'refused'
  requirements: RequirementId[]
  level: Level
  /** `error` codes a correct refusal may carry. */
  errors?: readonly string[]
}

export const CLIENT_AUTH_ERRORS = ['invalid_client', 'invalid_request'] as const

const expectation = (
  outcome: Expectation['outcome'],
  requirements: readonly RequirementId[],
  level?: Level,
  errors?: readonly string[],
): Expectation => ({
  outcome,
  requirements: [...requirements],
  level: level ?? (requirements.length ? strongest(requirements) : 'shall'),
  ...(errors ? { errors } : {}),
})

/** A profile rule as an expectation; `unspecified` becomes not-applicable with the rule's reason. */
export function fromRule(
  rule: Rule,
  errors: readonly string[] = CLIENT_AUTH_ERRORS,
): Expectation | NotApplicable {
  if (rule.expect === 'unspecified')
    return notApplicable(
      rule.why ?? 'the profile does not specify this behaviour',
      rule.requirements,
    )
  return expectation(
    rule.expect === 'accept' ? 'accepted' : 'refused',
    rule.requirements,
    rule.level,
    errors,
  )
}

export const advertisedMethods = (m: ServerMetadata) =>
  m.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
export const advertisedAlgs = (m: ServerMetadata) =>
  m.token_endpoint_auth_signing_alg_values_supported ?? []

/**
 * A client authentication method: allowed by the profile and advertised → accepted; forbidden →
 * refused; allowed but not offered → not applicable (the target does not offer it).
 */
export function methodExpectation(
  p: Profile,
  m: ServerMetadata,
  method: ClientAuthMethod,
): Expectation | NotApplicable {
  const advertised = advertisedMethods(m).includes(method)
  const allowed = p.clientAuth.allowed === 'advertised' || p.clientAuth.allowed.includes(method)
  if (!allowed)
    return expectation('refused', p.clientAuth.requirements, 'shall', CLIENT_AUTH_ERRORS)
  if (!advertised)
    return notApplicable(
      `the target does not advertise ${method} in token_endpoint_auth_methods_supported; ${p.title} does not require it`,
      ['RFC8414-2'],
    )
  const reqs: RequirementId[] = [
    'RFC8414-2',
    ...p.clientAuth.requirements.filter((r) => r !== 'RFC8414-2'),
  ]
  if (method === 'client_secret_basic') reqs.push('RFC6749-2.3.1')
  return expectation('accepted', reqs, 'shall')
}

/** A client-assertion signing algorithm, judged like a method. */
export function algExpectation(
  p: Profile,
  m: ServerMetadata,
  alg: JwsAlg,
): Expectation | NotApplicable {
  const allowed = p.signingAlgs.allowed === 'advertised' || p.signingAlgs.allowed.includes(alg)
  if (!allowed)
    return expectation('refused', p.signingAlgs.requirements, 'shall', CLIENT_AUTH_ERRORS)
  if (!advertisedAlgs(m).includes(alg))
    return notApplicable(
      `the target does not advertise ${alg} in token_endpoint_auth_signing_alg_values_supported; ${p.title} does not require it`,
      ['RFC8414-2'],
    )
  return expectation(
    'accepted',
    ['RFC8414-2', ...p.signingAlgs.requirements.filter((r) => r !== 'RFC8414-2')],
    'shall',
  )
}

const KEY_FOR_ALG: Partial<Record<JwsAlg, KeyKind>> = {
  PS256: 'RSA-2048',
  RS256: 'RSA-2048',
  ES256: 'EC-P256',
  EdDSA: 'Ed25519',
}

/**
 * The private_key_jwt set-up every client-assertion module builds on: the first of PS256, ES256,
 * RS256, EdDSA that the profile allows and the target advertises, with a key for it.
 */
export function assertionBaseline(
  p: Profile,
  m: ServerMetadata,
): { alg: JwsAlg; key: KeyKind } | NotApplicable {
  const method = methodExpectation(p, m, 'private_key_jwt')
  if ('notApplicable' in method) return method
  if (method.outcome === 'refused')
    return notApplicable(
      `${p.title} forbids private_key_jwt, so assertion rules cannot be exercised with it`,
    )
  for (const alg of ['PS256', 'ES256', 'RS256', 'EdDSA'] as const) {
    const e = algExpectation(p, m, alg)
    if (!('notApplicable' in e) && e.outcome === 'accepted') return { alg, key: KEY_FOR_ALG[alg]! }
  }
  return notApplicable(
    'the target advertises no signing algorithm the harness can use with private_key_jwt (PS256, ES256, RS256, EdDSA)',
  )
}

/** The private_key_jwt client the client-assertion modules register, with the baseline key. */
export function assertionClient(
  p: Profile,
  m: ServerMetadata,
  extra: Omit<ClientSpec, 'method' | 'key'> = {},
): ClientSpec | NotApplicable {
  const base = assertionBaseline(p, m)
  return isNotApplicable(base) ? base : { method: 'private_key_jwt', key: base.key, ...extra }
}

const FALLBACK_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'self_signed_tls_client_auth',
  'tls_client_auth',
] as const

/**
 * The profile's compliant baseline client, with the grants and metadata of `like`: private_key_jwt
 * with the baseline key where usable, else the first method the profile allows and the target
 * advertises. It is the twin of a client that carries a forbidden property, and the control of
 * modules that only need some client that works.
 */
export function baselineClient(
  p: Profile,
  m: ServerMetadata,
  like: Partial<ClientSpec> = {},
): ClientSpec | NotApplicable {
  const { grant_types, metadata } = like
  const extra = { ...(grant_types ? { grant_types } : {}), ...(metadata ? { metadata } : {}) }
  const base = assertionBaseline(p, m)
  if (!isNotApplicable(base)) return { method: 'private_key_jwt', key: base.key, ...extra }
  for (const method of FALLBACK_METHODS) {
    const e = methodExpectation(p, m, method)
    if (!isNotApplicable(e) && e.outcome === 'accepted') return { method, ...extra }
  }
  return notApplicable(
    `no client authentication method that ${p.title} allows is advertised by the target`,
  )
}

/** An expectation that only applies where private_key_jwt assertions can be exercised at all. */
export function withAssertions(e: (p: Profile, m: ServerMetadata) => Expectation | NotApplicable) {
  return (p: Profile, m: ServerMetadata): Expectation | NotApplicable => {
    const base = assertionBaseline(p, m)
    return isNotApplicable(base) ? base : e(p, m)
  }
}

/**
 * RFC 7523 §3.2: an invalid client assertion is refused with invalid_client. The harness grades a
 * different code as a `should` miss: the refusal itself is what the assertion rules require.
 */
export const ASSERTION_ERROR = {
  codes: ['invalid_client'],
  requirements: ['RFC7523-3.2'],
  level: 'should',
} as const satisfies { codes: readonly string[]; requirements: RequirementId[]; level: Level }

/** RFC 6749 §5.2 invalid_client: "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)". */
export const CLIENT_AUTH_FAILED = {
  codes: ['invalid_client'],
  requirements: ['RFC6749-5.2'],
  level: 'shall',
} as const satisfies { codes: readonly string[]; requirements: RequirementId[]; level: Level }

/** A refusal of a client authentication attempt (invalid_client or invalid_request) at `level`. */
export function refusal(
  requirements: RequirementId[],
  errors: readonly string[] = CLIENT_AUTH_ERRORS,
  level: Level = 'shall',
): Expectation {
  return { outcome: 'refused', requirements, level, errors }
}
