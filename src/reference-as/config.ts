/**
 * Per-profile oidc-provider configuration of the reference AS: a *correct* server for each profile.
 * oidc-provider's FAPI switch does not restrict client authentication methods, algorithms, key
 * sizes or sender-constraining (see /work/shared/REFERENCE-AS-NOTES.md), so all of that is spelled
 * out here, plus a registration validator for the rules the library does not check at all.
 */
import { decodeJwt } from 'jose'
import type { ProfileId } from '../suite/profile.js'
import { memoryAdapter } from './adapter.js'
import { deliverPushError, deliverPushTokens } from './ciba-push.js'
import type { CertificateSource } from './mtls.js'
import { basicChallenge, type KoaMiddleware, type ProfilePolicy } from './mutant.js'

type FapiProfile = '1.0 Final' | '2.0'

export interface ProfileSettings {
  fapi?: FapiProfile
  ciba?: {
    /** `push` is the reference AS's own (ciba-push.ts): oidc-provider offers poll and ping. */
    deliveryModes: Array<'poll' | 'ping' | 'push'>
    /**
     * Signed authentication requests (CIBA §7.1.1) required of every client, with the longest
     * lifetime (exp - nbf) accepted: FAPI-CIBA ID1 §5.2.2 items 6 and 9.
     */
    signedRequests?: { maxLifetimeSeconds: number }
  }
  /** Request objects of authorization requests (RFC 9101), pushed or by value. */
  requestObjects?: RequestObjectRules
  clientAuthMethods: string[]
  /**
   * Seconds of clock offset accepted in JWT time claims (oidc-provider `clockTolerance`), default 5.
   * FAPI 2.0 §5.3.2.1-13: "shall accept JWTs with an iat or nbf timestamp between 0 and 10 seconds
   * in the future but shall reject JWTs with an iat or nbf timestamp greater than 60 seconds in the
   * future".
   */
  clockTolerance?: number
  clientAuthSigningAlgValues: string[]
  idTokenSigningAlgValues: string[]
  dPoPSigningAlgValues: string[]
  policy: ProfilePolicy
  /**
   * The authorization endpoint's flows, where the profile restricts them: the response types
   * offered, PAR required (FAPI 2.0 §5.3.2.2-3), signed request objects required (FAPI 1.0 Part 2
   * §5.2.2-1, by value or pushed), JARM (§5.2.2.2). Absent: oidc-provider's defaults.
   */
  authorization?: {
    responseTypes: string[]
    requirePar?: boolean
    jarm?: boolean
  }
  /**
   * Every authorization request must carry its redirect_uri (FAPI 1.0 Part 1 §5.2.2-9, which Part 2
   * §5.2.2.0 takes in): oidc-provider's `allowOmittingSingleRegisteredRedirectUri` off, which by
   * default fills in the one registered redirect URI of a client (its FAPI 2.0 mode already refuses).
   */
  requireRedirectUri?: boolean
}

const ALL_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
]
const FAPI_METHODS = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']

const OPEN_POLICY: ProfilePolicy = {
  refusePublicClientCredentials: true,
  refusePublicCiba: true,
  requireCertificateBoundTokens: false,
  minRsaBits: 0,
}
const FAPI_POLICY: ProfilePolicy = {
  ...OPEN_POLICY,
  requireCertificateBoundTokens: true,
  minRsaBits: 2048,
}

const oidcLike: ProfileSettings = {
  clientAuthMethods: ALL_METHODS,
  clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256', 'HS256'],
  idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256'],
  dPoPSigningAlgValues: ['ES256', 'EdDSA'],
  policy: OPEN_POLICY,
}

/** What the reference AS requires of request objects (oidc-provider `features.requestObjects`). */
export interface RequestObjectRules {
  /** Every authorization request (and pushed one) must be a signed request object (`requireSignedRequestObject`). */
  requireSigned: boolean
  /** Claims an authorization request object must carry (backchannel requests: CIBA §7.1.1's). */
  required: string[]
  /** The longest exp - nbf accepted. */
  maxLifetimeSeconds: number
  /** How long ago nbf may lie (FAPI 1.0 Part 2 §5.2.2-17); absent: no limit beyond exp. */
  maxNbfAgeSeconds?: number
}

const fapi1Advanced: ProfileSettings = {
  fapi: '1.0 Final',
  // FAPI 1.0 Part 2 §5.2.2 items 1 (signed request objects required), 13 (exp at most 60 minutes
  // after nbf), 15 (aud: the issuer or an array holding it; oidc-provider checks it) and 17 (nbf at
  // most 60 minutes in the past)
  requestObjects: {
    requireSigned: true,
    required: ['exp', 'aud', 'nbf'],
    maxLifetimeSeconds: 3600,
    maxNbfAgeSeconds: 3600,
  },
  clientAuthMethods: FAPI_METHODS,
  clientAuthSigningAlgValues: ['PS256', 'ES256'],
  idTokenSigningAlgValues: ['PS256', 'ES256'],
  dPoPSigningAlgValues: ['ES256'],
  policy: FAPI_POLICY,
  requireRedirectUri: true,
}

/**
 * FAPI 1.0 Part 2 §5.2.2-1 (signed request objects, by value or pushed), -2 (code id_token, or code
 * with response_mode jwt), §5.2.2.1 (the hybrid ID Token with c_hash and s_hash: oidc-provider's
 * FAPI 1.0 mode adds s_hash), §5.2.2.2 (JARM).
 */
const fapi1AdvancedAuthorization: ProfileSettings['authorization'] = {
  responseTypes: ['code id_token', 'code'],
  jarm: true,
}

/** What a correct server does, per profile (see profiles/*.ts for the clauses). */
export const PROFILE_SETTINGS: Record<ProfileId, ProfileSettings> = {
  oauth2: oidcLike,
  oidc: oidcLike,
  'fapi1-baseline': {
    // FAPI 1 Part 1 §5.2.2-2: "should support public clients"
    clientAuthMethods: [
      'none',
      'client_secret_jwt',
      'private_key_jwt',
      'tls_client_auth',
      'self_signed_tls_client_auth',
    ],
    clientAuthSigningAlgValues: ['PS256', 'ES256', 'RS256', 'HS256'],
    idTokenSigningAlgValues: ['PS256', 'ES256', 'RS256'],
    dPoPSigningAlgValues: ['ES256'],
    policy: { ...OPEN_POLICY, minRsaBits: 2048 },
    requireRedirectUri: true,
  },
  'fapi1-advanced': { ...fapi1Advanced, authorization: fapi1AdvancedAuthorization },
  'fapi2-security': {
    fapi: '2.0',
    // §5.3.2.2 items 1 and 3: response_type code only, every authorization request pushed
    authorization: { responseTypes: ['code'], requirePar: true },
    clientAuthMethods: FAPI_METHODS,
    clockTolerance: 10,
    // FAPI 2.0 Security Profile does not require request objects; they are accepted, with the
    // claim rules oidc-provider applies in FAPI 2.0 mode (exp, aud, nbf; exp - nbf at most 60 minutes)
    requestObjects: {
      requireSigned: false,
      required: ['exp', 'aud', 'nbf'],
      maxLifetimeSeconds: 3600,
    },
    clientAuthSigningAlgValues: ['PS256', 'ES256', 'EdDSA'],
    idTokenSigningAlgValues: ['PS256', 'ES256', 'EdDSA'],
    dPoPSigningAlgValues: ['ES256', 'EdDSA'],
    policy: { ...FAPI_POLICY, dpopBindingAllowed: true },
  },
  // CIBA Core §10.3 push: the reference AS's own (ciba-push.ts), never under FAPI-CIBA (§5.2.2-3)
  ciba: { ...oidcLike, ciba: { deliveryModes: ['poll', 'ping', 'push'] } },
  // FAPI-CIBA has no authorization requests: request objects there are its signed backchannel requests
  'fapi-ciba': {
    ...fapi1Advanced,
    requestObjects: undefined,
    ciba: { deliveryModes: ['poll', 'ping'], signedRequests: { maxLifetimeSeconds: 3600 } },
  },
}

export interface BuildContext {
  profile: ProfileId
  issuer: string
  jwks: { keys: Array<Record<string, unknown>> }
  cookieKeys: string[]
  certs: CertificateSource
  policy: ProfilePolicy
  /** oidc-provider's `errors` export. */
  errors: Record<string, new (...args: any[]) => Error>
  /** Delay before the simulated authentication device approves a CIBA request. */
  cibaApprovalDelayMs: number
  /** Timers to clear on close. */
  timers: Set<NodeJS.Timeout>
  /** Outgoing requests (jwks_uri, CIBA ping notifications), see index.ts `outboundFetch`. */
  fetch: (url: string, options: Record<string, unknown>) => Promise<unknown>
}

/** Name of the extra client metadata property whose validator enforces ProfilePolicy. */
export const POLICY_PROPERTY = 'reference_as_policy'

function rsaBits(n: unknown): number {
  if (typeof n !== 'string') return 0
  const bytes = Buffer.from(n, 'base64url')
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  if (i === bytes.length) return 0
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!))
}

/** Whether a certificate's key meets the RSA minimum (keys of other types are not RSA's business). */
function rsaKeyLongEnough(
  cert:
    | {
        publicKey: { asymmetricKeyType?: string; asymmetricKeyDetails?: { modulusLength?: number } }
      }
    | undefined,
  min: number,
): boolean {
  if (!cert || min <= 0 || cert.publicKey.asymmetricKeyType !== 'rsa') return true
  return (cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0) >= min
}

/** The `extraClientMetadata.validator`: runs synchronously at registration and at client load. */
function policyValidator(
  policy: ProfilePolicy,
  errors: BuildContext['errors'],
  methods: () => string[],
) {
  const InvalidClientMetadata = errors.InvalidClientMetadata!
  return (_ctx: unknown, key: string, _value: unknown, metadata: Record<string, any>) => {
    if (key !== POLICY_PROPERTY) return
    const method = metadata.token_endpoint_auth_method
    // an unsupported method is refused by oidc-provider's own checks, with a better message
    if (!methods().includes(method)) return
    const grants: string[] = Array.isArray(metadata.grant_types) ? metadata.grant_types : []
    if (method === 'none') {
      if (policy.refusePublicClientCredentials && grants.includes('client_credentials')) {
        throw new InvalidClientMetadata(
          'public clients (token_endpoint_auth_method none) must not use the client_credentials grant (RFC 6749 section 4.4)',
        )
      }
      if (policy.refusePublicCiba && grants.includes('urn:openid:params:grant-type:ciba')) {
        throw new InvalidClientMetadata(
          'public clients (token_endpoint_auth_method none) must not use the CIBA grant',
        )
      }
    } else if (
      policy.requireCertificateBoundTokens &&
      metadata.tls_client_certificate_bound_access_tokens !== true
    ) {
      // FAPI 2.0 §5.3.2.1-4/-5: every token sender-constrained, by MTLS or DPoP. A client bound by
      // either flag gets its tokens refused without the binding (oidc-provider: no certificate →
      // invalid_grant; dpop_bound_access_tokens without a DPoP header → invalid_grant, RFC 9449 §5.2).
      if (!(policy.dpopBindingAllowed && metadata.dpop_bound_access_tokens === true)) {
        throw new InvalidClientMetadata(
          policy.dpopBindingAllowed
            ? 'tls_client_certificate_bound_access_tokens or dpop_bound_access_tokens must be true: this profile requires sender-constrained access tokens'
            : 'tls_client_certificate_bound_access_tokens must be true: this profile requires sender-constrained access tokens',
        )
      }
    }
    if (policy.minRsaBits > 0 && Array.isArray(metadata.jwks?.keys)) {
      for (const jwk of metadata.jwks.keys) {
        if (jwk?.kty === 'RSA') {
          const bits = rsaBits(jwk.n)
          if (bits < policy.minRsaBits) {
            throw new InvalidClientMetadata(
              `RSA keys must be at least ${policy.minRsaBits} bits (got ${bits})`,
            )
          }
        }
      }
    }
  }
}

/**
 * Request objects: CIBA signed authentication requests where they are required (fapi-ciba), and
 * authorization request objects (RFC 9101) where the profile has rules for them. The claim rules
 * are the reference AS's own rather than oidc-provider's FAPI default (same rules, plus the age of
 * nbf): CIBA §7.1.1 names exp, iat, nbf and jti (aud and iss are checked by the library);
 * FAPI-CIBA ID1 §5.2.2 item 9 "shall require the Signed Authentication Request to contain nbf and
 * exp claims that limit the lifetime of the request to no more than 60 minutes"; FAPI 1.0 Part 2
 * §5.2.2 items 13 and 17 require exp and nbf of any request object, exp at most 60 minutes after
 * nbf and nbf at most 60 minutes in the past. `iss`, `aud` (the issuer, or an array holding it),
 * `exp` (RFC 7519 §4.1.4), the signature and its algorithm are oidc-provider's checks.
 */
function requestObjectsFeature(
  rules: RequestObjectRules,
  errors: BuildContext['errors'],
  clockTolerance: number,
) {
  return {
    enabled: true,
    requireSignedRequestObject: rules.requireSigned,
    async assertJwtClaimsAndHeader(ctx: any, claims: Record<string, unknown>) {
      const required =
        ctx.oidc.route === 'backchannel_authentication'
          ? ['exp', 'iat', 'nbf', 'jti', 'aud']
          : rules.required
      for (const claim of required) {
        if (claims[claim] === undefined)
          throw new errors.InvalidRequestObject!(`Request Object is missing the '${claim}' claim`)
      }
      if (claims.exp !== undefined && claims.nbf !== undefined) {
        const lifetime = Number(claims.exp) - Number(claims.nbf)
        if (!(lifetime > 0) || lifetime > rules.maxLifetimeSeconds) {
          throw new errors.InvalidRequestObject!(
            `Request Object 'exp' must be after 'nbf' and at most ${rules.maxLifetimeSeconds} seconds after it`,
          )
        }
      }
      if (
        rules.maxNbfAgeSeconds !== undefined &&
        claims.nbf !== undefined &&
        Number(claims.nbf) < Date.now() / 1000 - rules.maxNbfAgeSeconds - clockTolerance
      ) {
        throw new errors.InvalidRequestObject!(
          `Request Object 'nbf' must be at most ${rules.maxNbfAgeSeconds} seconds in the past`,
        )
      }
    },
  }
}

/** The error_description of that invalid_client answer (a mutant undoes it). */
export const CLIENT_ID_MISMATCH =
  'the client_id parameter does not identify the authenticated client'

/**
 * oidc-provider answers a client_id parameter that names another client than the one the
 * credentials authenticate (the assertion's sub, the HTTP Basic user) with invalid_request. FAPI
 * 1.0 Part 1 §5.2.2-19: "shall return an invalid_client error as defined in 5.2 of [RFC6749] when
 * mis-matched client identifiers were provided through the client authentication methods that
 * permits sending the client identifier in more than one way". The reference AS answers
 * invalid_client under every profile: client authentication failed (RFC 6749 §5.2), with 401 and
 * a Basic challenge where the client tried HTTP Basic.
 */
export function clientIdMismatchIsInvalidClient(): KoaMiddleware {
  return async (ctx, next) => {
    await next()
    const body = ctx.body as { error?: unknown; error_description?: unknown } | undefined
    if (
      ctx.status !== 400 ||
      !body ||
      typeof body !== 'object' ||
      body.error !== 'invalid_request' ||
      body.error_description !== 'client_id mismatch'
    )
      return
    ctx.status = 401
    if (ctx.headers.authorization !== undefined) ctx.set('WWW-Authenticate', basicChallenge(ctx))
    ctx.body = { error: 'invalid_client', error_description: CLIENT_ID_MISMATCH }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The oidc-provider configuration for one profile. `settings` may be a mutant-edited copy. */
export function buildConfiguration(
  settings: ProfileSettings,
  b: BuildContext,
): Record<string, any> {
  const { errors } = b
  const cookiePrefix = `_${b.profile.replace(/-/g, '_')}`

  const ciba = settings.ciba
    ? {
        enabled: true,
        // oidc-provider refuses `push` here: enablePushMode (ciba-push.ts) adds it to the built Provider
        deliveryModes: settings.ciba.deliveryModes.filter((m) => m !== 'push'),
        async processLoginHint(_ctx: unknown, loginHint: string) {
          return loginHint || undefined
        },
        async processLoginHintToken(_ctx: unknown, loginHintToken: string) {
          try {
            const { sub } = decodeJwt(loginHintToken)
            return typeof sub === 'string' ? sub : undefined
          } catch {
            return undefined
          }
        },
        async verifyUserCode() {},
        /**
         * Runs for every backchannel request after client authentication and the request object
         * (checkCibaContext). FAPI-CIBA ID1 §5.2.2 item 6: "shall require Backchannel
         * Authentication Endpoint requests to be signed as described in [CIBA] 7.1.1".
         * oidc-provider requires a `request` only from clients that registered
         * backchannel_authentication_request_signing_alg; this requires it of every client.
         * `ctx.oidc.trusted` is set once a request object was verified.
         */
        async validateRequestContext(ctx: any) {
          if (settings.ciba?.signedRequests && !ctx.oidc.trusted) {
            throw new errors.InvalidRequest!(
              'backchannel authentication requests must be signed (a request parameter, CIBA 7.1.1)',
            )
          }
        },
        async validateBindingMessage(_ctx: unknown, bindingMessage?: string) {
          if (bindingMessage !== undefined && !/^[a-zA-Z0-9-._+/!?#]{1,20}$/.test(bindingMessage)) {
            throw new errors.InvalidBindingMessage!(
              'the binding_message value, when provided, needs to be 1 - 20 characters in length and use only a basic set of characters',
            )
          }
        },
        /** The simulated authentication device: approves after a delay (`deny` as login_hint: denies). */
        async triggerAuthenticationDevice(ctx: any, request: any, account: any, client: any) {
          const provider = ctx.oidc.provider
          const timer = setTimeout(async () => {
            b.timers.delete(timer)
            try {
              // the push mode's delivery goes through config.fetch, read now, as oidc-provider's ping does
              const push = client.backchannelTokenDeliveryMode === 'push'
              if (account.accountId === 'deny') {
                const denied = new errors.AccessDenied!(
                  'end-user denied the authentication request',
                ) as Error & { error?: string; error_description?: string }
                await provider.backchannelResult(request, denied)
                if (push) await deliverPushError(config.fetch, request, client, denied)
                return
              }
              const grant = new provider.Grant({
                clientId: client.clientId,
                accountId: account.accountId,
              })
              if (request.scope) grant.addOIDCScope(request.scope)
              if (request.claims && Object.keys(request.claims).length)
                grant.addOIDCClaims(
                  Object.keys({ ...request.claims.id_token, ...request.claims.userinfo }),
                )
              await grant.save()
              await provider.backchannelResult(request, grant)
              if (push) await deliverPushTokens(provider, config.fetch, request, client, grant)
            } catch (err) {
              console.error(`reference-as ${b.profile}: CIBA approval failed:`, err)
            }
          }, b.cibaApprovalDelayMs)
          timer.unref()
          b.timers.add(timer)
        },
      }
    : { enabled: false }

  const signedCiba = settings.ciba?.signedRequests
  const requestObjects: RequestObjectRules | undefined =
    settings.requestObjects ??
    (signedCiba
      ? {
          requireSigned: false,
          required: ['exp', 'aud', 'nbf'],
          maxLifetimeSeconds: signedCiba.maxLifetimeSeconds,
        }
      : undefined)

  const config: Record<string, any> = {
    adapter: memoryAdapter(),
    clients: [],
    clientAuthMethods: [...settings.clientAuthMethods],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'PS256',
      // JARM's default would be RS256, which FAPI 1.0 Part 2 §8.6 rules out
      ...(settings.authorization?.jarm ? { authorization_signed_response_alg: 'PS256' } : {}),
    },
    ...(settings.authorization ? { responseTypes: [...settings.authorization.responseTypes] } : {}),
    clockTolerance: settings.clockTolerance ?? 5,
    ...(settings.requireRedirectUri ? { allowOmittingSingleRegisteredRedirectUri: false } : {}),
    clientBasedCORS: () => false,
    fetch: b.fetch,
    cookies: {
      keys: b.cookieKeys,
      names: {
        session: `${cookiePrefix}_session`,
        interaction: `${cookiePrefix}_interaction`,
        resume: `${cookiePrefix}_resume`,
      },
    },
    enabledJWA: {
      clientAuthSigningAlgValues: [...settings.clientAuthSigningAlgValues],
      idTokenSigningAlgValues: [...settings.idTokenSigningAlgValues],
      dPoPSigningAlgValues: [...settings.dPoPSigningAlgValues],
      requestObjectSigningAlgValues: settings.clientAuthSigningAlgValues.filter(
        (a) => !a.startsWith('HS'),
      ),
      ...(settings.authorization?.jarm
        ? { authorizationSigningAlgValues: [...settings.idTokenSigningAlgValues] }
        : {}),
    },
    extraClientMetadata: {
      properties: [POLICY_PROPERTY],
      // reads config.clientAuthMethods at call time, so a mutant's configure() edit is seen
      validator: policyValidator(b.policy, errors, () => config.clientAuthMethods),
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      // RFC 8628: the device authorization endpoint, which authenticates clients like the token endpoint (§3.1).
      // Not where every request must be a signed request object (fapi1-advanced): oidc-provider's
      // requireSignedRequestObject holds at the device endpoint too, and FAPI 1.0 Advanced has no
      // device grant, so that server does not offer one (the endpoint-device-* modules are not applicable).
      deviceFlow: { enabled: !requestObjects?.requireSigned },
      registration: { enabled: true, initialAccessToken: false },
      introspection: {
        enabled: true,
        async allowedPolicy(ctx: any, client: any, token: any) {
          return !(
            client.clientAuthMethod === 'none' && token.clientId !== ctx.oidc.client.clientId
          )
        },
      },
      revocation: {
        enabled: true,
        async allowedPolicy(_ctx: unknown, client: any, token: any) {
          if (token.clientId !== client.clientId) {
            if (client.clientAuthMethod === 'none') return false
            throw new errors.InvalidRequest!(
              'client is not authorized to revoke the presented token',
            )
          }
          return true
        },
      },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        tlsClientAuth: true,
        selfSignedTlsClientAuth: true,
        getCertificate: b.certs.getCertificate,
        // FAPI 1 Part 1 §5.2.2-5 / FAPI 2.0 §5.4.1-2: the RSA minimum applies to the key of a client
        // certificate too; checked here so it holds behind a TLS-terminating proxy as well.
        certificateAuthorized: (ctx: any) =>
          b.certs.certificateAuthorized(ctx) &&
          rsaKeyLongEnough(b.certs.getCertificate(ctx), b.policy.minRsaBits),
        certificateSubjectMatches: b.certs.certificateSubjectMatches,
      },
      // RFC 9449 (oidc-provider's default, spelled out): proofs at the token endpoint, DPoP-bound
      // tokens, dpop_signing_alg_values_supported in the metadata; no server nonce (FAPI 2.0
      // §5.3.2.1-10 "may use"); the resource (resource.ts) checks proofs of DPoP-bound tokens.
      dPoP: { enabled: true, allowReplay: false },
      fapi: settings.fapi ? { enabled: true, profile: settings.fapi } : { enabled: false },
      ciba,
      ...(requestObjects
        ? {
            requestObjects: requestObjectsFeature(
              requestObjects,
              errors,
              settings.clockTolerance ?? 5,
            ),
          }
        : {}),
      ...(settings.authorization?.requirePar
        ? {
            pushedAuthorizationRequests: {
              enabled: true,
              requirePushedAuthorizationRequests: true,
            },
          }
        : {}),
      ...(settings.authorization?.jarm ? { jwtResponseModes: { enabled: true } } : {}),
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    /**
     * oidc-provider's default issues a refresh token only for the offline_access scope (which it
     * grants only with prompt=consent). RFC 6749 §4.1.4 lets the AS issue one with any code
     * exchange: the reference AS issues one to every client that registered the refresh_token
     * grant, for an authorization code, and keeps the offline_access rule for the other grants.
     */
    async issueRefreshToken(_ctx: unknown, client: any, source: any) {
      return (
        client.grantTypeAllowed('refresh_token') &&
        (source.kind === 'AuthorizationCode' || source.scopes.has('offline_access'))
      )
    },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub }
        },
      }
    },
    jwks: b.jwks,
    async renderError(ctx: any, out: Record<string, string>) {
      ctx.type = 'html'
      ctx.body = `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Error</h1>${Object.entries(
        out,
      )
        .map(([k, v]) => `<pre><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</pre>`)
        .join('')}</body></html>`
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      BackchannelAuthenticationRequest(ctx: any) {
        const requested = ctx?.oidc?.params?.requested_expiry
        return requested ? Math.min(600, +requested) : 600
      },
      ClientCredentials: 600,
      DeviceCode: 600,
      Grant: 14 * 86400,
      IdToken: 3600,
      Interaction: 3600,
      PreAuthorizedCode: 600,
      RefreshToken: 14 * 86400,
      Session: 14 * 86400,
    },
  }
  return config
}
