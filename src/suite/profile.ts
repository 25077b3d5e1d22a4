import type { Level, RequirementId } from '../spec/requirements.js'

export const PROFILE_IDS = [
  'oauth2',
  'oidc',
  'fapi1-baseline',
  'fapi1-advanced',
  'fapi2-security',
  'ciba',
  'fapi-ciba',
] as const
export type ProfileId = (typeof PROFILE_IDS)[number]

export const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'none',
] as const
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number]

export type JwsAlg =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
  | 'none'

/** The surfaces (groups of modules) a profile runs. */
export type Surface =
  'discovery' | 'client-authentication' | 'ciba' | 'mtls' | 'redirect-flows' | 'dpop'

/** What a profile demands of one behaviour: the outcome, and the clauses that say so. */
export interface Rule {
  /** `accept`: the AS must accept; `refuse`: it must refuse; `unspecified`: the profile is silent. */
  expect: 'accept' | 'refuse' | 'unspecified'
  requirements: RequirementId[]
  /** Defaults to the strongest level of `requirements`; set where the clause is weaker than its id. */
  level?: Level
  /** Why the profile is silent (for `unspecified`): shown as the not-applicable reason. */
  why?: string
}

/** Audience values of a client assertion sent to the pushed authorization request endpoint (RFC 9126 §2). */
export type ParAudienceKind = 'issuer' | 'token_endpoint' | 'par_endpoint'

/**
 * Endpoints at which a client authenticates (RFC 6749 §3.2.1, RFC 7009 §2.1, RFC 8628 §3.1, RFC 9126
 * §2, CIBA §7.1). Not introspection: RFC 7662 §2.1 authenticates the protected resource calling it.
 */
export type AuthenticatedEndpoint =
  | 'token'
  | 'revocation'
  | 'pushed_authorization_request'
  | 'device_authorization'
  | 'backchannel_authentication'

/**
 * The request object cases judged at the pushed authorization request endpoint (RFC 9101, RFC
 * 9126 §3): each is a correct signed request object with one property changed, or the request
 * without a request object (`unsigned`).
 */
export const REQUEST_OBJECT_CASES = [
  'unsigned',
  'invalid_signature',
  'foreign_key',
  'alg_none',
  'alg_rs256',
  'aud_other',
  'aud_issuer_in_array',
  'missing_exp',
  'missing_nbf',
  'expired',
  'missing_pkce',
  'lifetime',
  'nbf_old',
  'missing_scope',
  'missing_redirect_uri',
  'missing_nonce',
] as const
export type RequestObjectCase = (typeof REQUEST_OBJECT_CASES)[number]

/**
 * Authorization requests whose response type the profile forbids, pushed to the PAR endpoint:
 * `code_without_jarm` is response_type code without response_mode jwt (FAPI 1.0 Part 2 §5.2.2-2),
 * the others that response_type (FAPI 2.0 §5.3.2.2-1 requires code).
 */
export const FORBIDDEN_RESPONSE_TYPE_CASES = [
  'code_without_jarm',
  'code_id_token',
  'token',
] as const
export type ForbiddenResponseTypeCase = (typeof FORBIDDEN_RESPONSE_TYPE_CASES)[number]

/** Audience values a client assertion can carry (RFC 7523 §3, OIDC Core §9, CIBA §7.1, FAPI 2.0). */
export type AudienceKind = 'issuer' | 'token_endpoint' | 'issuer_in_array' | 'backchannel_endpoint'

export interface Profile {
  id: ProfileId
  title: string
  /** The profile this one tightens; its rules were copied in by `defineProfile`. */
  extends?: ProfileId
  surfaces: Surface[]
  clientAuth: {
    /** `advertised`: any method the target lists in its metadata must work, the others are not tested. */
    allowed: ClientAuthMethod[] | 'advertised'
    /** Cited when a method outside `allowed` is accepted or advertised. */
    requirements: RequirementId[]
  }
  signingAlgs: {
    /** `advertised`: whatever the target lists must work; the rest is not the profile's business. */
    allowed: JwsAlg[] | 'advertised'
    requirements: RequirementId[]
  }
  /** An unsigned (`alg: none`) client assertion. */
  unsignedAssertion: Rule
  minKeyBits: {
    RSA: { bits: number; requirements: RequirementId[] }
    EC: { bits: number; requirements: RequirementId[] }
  }
  audience: Record<AudienceKind, Rule> & { other_server: Rule }
  /** The same client assertion presented twice. */
  jtiReplay: Rule
  /** A client assertion without jti. */
  jtiMissing: Rule
  /** An assertion iss other than the client_id. */
  issMismatch: Rule
  /** An assertion sub other than the client_id. */
  subMismatch: Rule
  /** Audiences at the CIBA backchannel authentication endpoint (CIBA §7.1); absent where CIBA is not in the profile. */
  backchannelAudience?: Record<'issuer' | 'token_endpoint' | 'backchannel_endpoint', Rule>
  /** A public client (token_endpoint_auth_method=none) asking for client_credentials. */
  publicClientCredentials: Rule
  /** Whether the profile admits public clients at all (FAPI 2.0: no). */
  publicClients: Rule
  /** A public client registering for the CIBA grant; absent where CIBA is not in the profile. */
  publicCiba?: Rule
  /** The CIBA push token delivery mode; absent where CIBA is not in the profile. */
  cibaPush?: Rule
  /**
   * CIBA §7.1.1 signed authentication requests, where the profile requires them (FAPI-CIBA ID1
   * §5.2.2 items 6 and 9); absent where the client may choose. Where `unsigned.expect` is
   * `refuse`, a correct client sends every backchannel request as a signed `request` JWT and
   * registers the alg it signs with (`backchannel_authentication_request_signing_alg`, CIBA §4).
   */
  cibaSignedRequest?: {
    /** The same request as plain form parameters (no `request` JWT): what the AS must do with it. */
    unsigned: Rule
    /** A signed request whose lifetime (exp - nbf) exceeds `maxLifetimeSeconds`: what the AS must do with it. */
    lifetime: Rule & { maxLifetimeSeconds: number }
  }
  /**
   * The binding_message a correct client sends in a backchannel request when the configuration
   * names none (`ciba.binding_message`), where the AS may require one (FAPI-CIBA ID1 §5.2.2 item 2).
   */
  cibaBindingMessage?: string
  /**
   * A `client_id` request parameter naming another registered client than the one the client
   * authentication proves (the assertion's iss/sub, the certificate). Absent: the profile is silent.
   */
  clientIdMismatch?: Rule
  /** A client assertion whose iat and nbf lie a few seconds (at most 10) in the future. Absent: no rule. */
  assertionNearFuture?: Rule
  /** A client assertion whose iat and nbf lie 120 seconds in the future. Absent: no rule. */
  assertionFarFuture?: Rule
  /** The aud of a client assertion at the pushed authorization request endpoint. Absent: no rule. */
  parAudience?: Record<ParAudienceKind, Rule>
  /**
   * Signed request objects (RFC 9101) of authorization requests, where the profile requires them
   * (FAPI 1.0 Part 2 §5.2.2-1); absent where the client may choose. Where `rules.unsigned.expect`
   * is `refuse`, a correct client pushes every authorization request as a signed request object
   * and registers a key to sign it with.
   */
  requestObject?: {
    rules: Record<RequestObjectCase, Rule>
    /** The longest exp - nbf the profile allows (`lifetime` sends this plus 5 minutes). */
    maxLifetimeSeconds: number
    /** How long ago nbf may lie (`nbf_old` sends an nbf this plus 5 minutes old); absent: no bound. */
    maxNbfAgeSeconds?: number
  }
  /**
   * Authorization requests with a response type the profile forbids, pushed by a client registered
   * for the profile's own (the PAR endpoint validates a pushed request as the authorization
   * endpoint would, RFC 9126 §2.1). Absent, or a case absent: no rule.
   */
  forbiddenResponseTypes?: Partial<Record<ForbiddenResponseTypeCase, Rule>>
  /**
   * An authorization request without redirect_uri, from a client that registered one redirect URI
   * (which RFC 6749 §3.1.2.3 would let a server fill in): where a clause requires the parameter
   * (FAPI 1.0 Part 1 §5.2.2-9 in every authorization request, FAPI 2.0 §5.3.2.2-6 in pushed ones),
   * the AS must refuse it. Absent: RFC 6749 §4.1.1 makes redirect_uri OPTIONAL.
   */
  redirectUriRequired?: Rule
  /** A `request_uri` form parameter in a pushed authorization request (RFC 9126 §2.1). Absent: no rule. */
  parRequestUri?: Rule
  /** Endpoints where a confidential client must authenticate, with the clauses that say so. */
  authenticatedEndpoints: Array<{ endpoint: AuthenticatedEndpoint; requirements: RequirementId[] }>
  /**
   * The response_type of an authorization request (and so of a pushed one) a correct client sends:
   * `code` by default; FAPI 1.0 Advanced §5.2.2-2 requires `code id_token` unless JARM is used.
   */
  authorizationResponseType?: 'code' | 'code id_token'
  /**
   * How a correct client of the profile sends its authorization requests, and what the profile
   * demands of the authorization response. Absent: plain query parameters at the authorization
   * endpoint (RFC 6749 §4.1.1), no request object, no pushed request, no `iss` demanded.
   */
  authorizationRequest?: AuthorizationRequestRules
  /**
   * Clauses of the profile that require PKCE (besides RFC 9700 §2.1.1, which binds every AS that
   * received a code_challenge): cited where a code is exchanged without its code_verifier.
   */
  pkceRequired?: RequirementId[]
  /** Access tokens must be sender-constrained (mTLS certificate-bound). */
  senderConstrained: { required: boolean; requirements: RequirementId[] }
}

/** How the request reaches the authorization endpoint: query parameters, a signed request object by value (JAR), or pushed (PAR). */
export type AuthorizationRequestMethod = 'plain' | 'jar' | 'par'

/** The authorization request rules of a profile (see Profile.authorizationRequest). */
export interface AuthorizationRequestRules {
  /**
   * Pushed authorization requests (RFC 9126): `required`, the AS must refuse a request that was not
   * pushed and a correct client pushes every one (then sends only client_id and request_uri to
   * the authorization endpoint); `optional`, the client sends it to the authorization endpoint.
   */
  par: { use: 'required' | 'optional'; requirements: RequirementId[] }
  /**
   * Signed request objects (RFC 9101 / OIDC Core §6): `required`, every authorization request (by
   * value, or pushed) is a JWS the client signs with its registered key (iss = client_id, aud =
   * issuer, exp/nbf/iat/jti); `optional`, plain parameters.
   */
  requestObject: {
    use: 'required' | 'optional'
    requirements: RequirementId[]
    /**
     * The AS uses only the parameters inside the request object (FAPI 1.0 Part 2 §5.2.2-10): a
     * state sent only outside it, beside `request` or `request_uri`, does not come back (module
     * request-object-outer-state-ignored).
     */
    onlyItsParameters?: { requirements: RequirementId[] }
  }
  /**
   * JWT Secured Authorization Response Mode: where present, a correct client also runs the code
   * flow with response_type `code` and response_mode `jwt` (module jarm-code-flow), and the
   * response JWT must be signed by the AS, with iss, aud and exp as JARM §2.1 says.
   */
  jarm?: { requirements: RequirementId[] }
  /** The `iss` authorization response parameter (RFC 9207) is required of the AS. */
  issParameter?: { requirements: RequirementId[] }
  /** The ID Token (front channel and token endpoint) is signed only with these algs. Absent: those advertised. */
  idTokenAlgs?: { allowed: JwsAlg[]; requirements: RequirementId[] }
}

type ProfileInput = Omit<Profile, 'extends'> & { extends?: Profile }

/** A profile is data. `extends` copies the parent's rules; the child restates what it tightens. */
export function defineProfile(p: Partial<ProfileInput> & Pick<Profile, 'id' | 'title'>): Profile {
  const { extends: parent, ...own } = p
  const merged = { ...(parent ?? {}), ...own } as Profile
  if (parent) {
    merged.extends = parent.id
    merged.audience = { ...parent.audience, ...(own.audience ?? {}) }
    merged.minKeyBits = { ...parent.minKeyBits, ...(own.minKeyBits ?? {}) }
  } else {
    delete merged.extends
  }
  for (const key of [
    'surfaces',
    'clientAuth',
    'signingAlgs',
    'unsignedAssertion',
    'minKeyBits',
    'audience',
    'jtiReplay',
    'jtiMissing',
    'issMismatch',
    'subMismatch',
    'publicClientCredentials',
    'publicClients',
    'authenticatedEndpoints',
    'senderConstrained',
  ] as const) {
    if (merged[key] === undefined) throw new TypeError(`profile ${p.id}: ${key} is not defined`)
  }
  return merged
}
