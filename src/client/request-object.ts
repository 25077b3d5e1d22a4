import { randomUUID } from 'node:crypto'
import { signJws } from '../crypto/jws.js'
import type { KeyKind, KeyPair } from '../crypto/keys.js'
import { HarnessError } from '../errors.js'
import type { JwsAlg } from '../suite/profile.js'
import { defaultAlg } from './auth/private-key-jwt.js'
import type { AssertionDraft, Mutator } from './auth/assertion.js'
import { defineAuth, type ClientAuth } from './auth/types.js'
import type { ServerMetadata, TestClient } from './types.js'

/**
 * CIBA Core §7.1.1 signed authentication requests, as a correct client builds them:
 *
 * - "A signed authentication request is made by encoding all of the authentication request
 *   parameters as claims of a signed JWT with each parameter name as the claim name and its value
 *   as a JSON string."
 * - "The JWT MUST be secured with an asymmetric signature and follow the guidance from Section
 *   10.1 of [OpenID.Core] regarding asymmetric signatures." (PS256 with an RSA key, ES256 with P-256)
 * - aud: "The Audience claim MUST contain the value of the Issuer Identifier for the OP, which
 *   identifies the Authorization Server as an intended audience."
 * - iss: "The Issuer claim MUST be the client_id of the OAuth Client."
 * - exp: "An expiration time that limits the validity lifetime of the signed authentication request."
 * - iat: "The time at which the signed authentication request was created."
 * - nbf: "The time before which the signed authentication request is unacceptable."
 * - jti: "A unique identifier for the signed authentication request."
 * - "Authentication request parameters MUST NOT be present outside of the JWT, in particular they
 *   MUST NOT appear as HTTP request parameters." The parameters of the client authentication
 *   method (client_id, client_assertion, ...) stay outside.
 *
 * These sentences bind the client; the server duty the harness judges is FAPI-CIBA ID1 §5.2.2
 * items 6 and 9 (FAPI-CIBA-5.2.2-6, -9: signed requests required, exp - nbf at most 60 minutes).
 *
 * Authorization requests (RFC 9101 JAR, OIDC Core §6.1, pushed by value to the PAR endpoint per
 * RFC 9126 §3) are built the same way, with the client_id as a claim too (RFC 9101 §5: the client_id
 * parameter "MUST match the request or request_uri Request Object's (Section 2.1) client_id") and the client's FAPI 1.0
 * duties: Part 2 §5.2.3 items 8, 10, 11 and 14 ("shall send all parameters inside the
 * authorization request's signed request object", aud = the issuer, "an `exp` claim ... lifetime
 * of no longer than 60 minutes", "an `nbf` claim"). `request` and `request_uri` never become
 * claims (a request object holds the request, not a reference to another; oidc-provider refuses one
 * that carries them).
 */

/** exp - nbf of the requests a correct client sends: 5 minutes, well inside FAPI's 60. */
export const DEFAULT_REQUEST_LIFETIME_S = 300

/** Form parameters of client authentication, which stay outside the JWT (CIBA §7.1.1). */
export const CLIENT_AUTH_PARAMS: readonly string[] = [
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
]

/** Form parameters that stay outside an authorization request object: its client's authentication, and request/request_uri. */
const OUTSIDE_AUTHORIZATION_REQUEST_OBJECT: readonly string[] = [
  ...CLIENT_AUTH_PARAMS,
  'request',
  'request_uri',
]

/** The JWS alg a client signs its requests with for a key kind: the one it registers (CIBA §4). */
export function requestObjectAlg(kind: KeyKind): JwsAlg {
  return kind === 'EC-P256' ? 'ES256' : kind === 'Ed25519' ? 'EdDSA' : 'PS256'
}

export interface RequestObjectContext {
  client: TestClient
  metadata: ServerMetadata
  /** Seconds since the epoch; injected so tests can freeze time. */
  now: number
  /** The URL the request object is sent to (what src/mutators see as `endpoint`); default the issuer. */
  endpoint?: string
}

export interface RequestObjectOptions {
  /** exp - nbf in seconds; default DEFAULT_REQUEST_LIFETIME_S. */
  lifetime?: number
  /** Signing key; default the client's registered key. */
  key?: KeyPair
  /** JWS alg; default PS256 for an RSA key, ES256 for an EC key. */
  alg?: JwsAlg
  /**
   * Changes made to the request object before it is signed, for negative cases: the client
   * assertion mutators of src/mutators (drop-claim, set-claim, set-aud, expire, unsigned,
   * sign-with-alg, sign-with-key) edit its header, claims and signer the same way.
   */
  mutate?: readonly Mutator[]
}

/**
 * The claims of a signed request: every request parameter (client authentication parameters
 * excepted) with aud = issuer, iss = client_id, iat = nbf = now, exp = nbf + lifetime and a fresh
 * jti.
 */
export function requestObjectClaims(
  params: Iterable<[string, string]>,
  ctx: RequestObjectContext,
  lifetime = DEFAULT_REQUEST_LIFETIME_S,
): Record<string, unknown> {
  const claims: Record<string, unknown> = {}
  for (const [k, v] of params) if (!CLIENT_AUTH_PARAMS.includes(k)) claims[k] = v
  return {
    ...claims,
    aud: ctx.metadata.issuer,
    iss: ctx.client.client_id,
    iat: ctx.now,
    nbf: ctx.now,
    exp: ctx.now + lifetime,
    jti: randomUUID(),
  }
}

/** Builds, mutates (opts.mutate) and signs a request object whose claims are `claims`. */
async function signRequestObject(
  claims: Record<string, unknown>,
  ctx: RequestObjectContext,
  opts: RequestObjectOptions,
  what: string,
): Promise<string> {
  const key = opts.key ?? ctx.client.key
  if (!key)
    throw new HarnessError(
      'ERR_STEP_PRECONDITION',
      `client ${ctx.client.client_id} has no private key to sign its ${what} with`,
    )
  const draft: AssertionDraft = {
    header: { kid: key.kid },
    payload: claims,
    signer: { mode: 'key', key, alg: opts.alg ?? defaultAlg(key.privateJwk.kty) },
  }
  const mctx = {
    client: ctx.client,
    metadata: ctx.metadata,
    now: ctx.now,
    endpoint: ctx.endpoint ?? ctx.metadata.issuer,
  }
  for (const m of opts.mutate ?? []) m(draft, mctx)
  return signJws(draft.header, draft.payload, draft.signer)
}

/** Builds and signs the `request` JWT for the given backchannel authentication request parameters (CIBA §7.1.1). */
export async function buildRequestObject(
  params: Iterable<[string, string]>,
  ctx: RequestObjectContext,
  opts: RequestObjectOptions = {},
): Promise<string> {
  return signRequestObject(
    requestObjectClaims(params, ctx, opts.lifetime),
    ctx,
    opts,
    'backchannel authentication request (CIBA §7.1.1)',
  )
}

/**
 * Builds and signs the request object of an authorization request (RFC 9101, OIDC Core §6.1):
 * the authorization request parameters with client_id, iss = client_id, aud = issuer, iat = nbf =
 * now, exp = nbf + lifetime, a fresh jti. `request` and `request_uri` are left out.
 */
export async function buildAuthorizationRequestObject(
  params: Iterable<[string, string]>,
  ctx: RequestObjectContext,
  opts: RequestObjectOptions = {},
): Promise<string> {
  const inside = [...params].filter(([k]) => !OUTSIDE_AUTHORIZATION_REQUEST_OBJECT.includes(k))
  const claims = {
    ...requestObjectClaims(inside, ctx, opts.lifetime),
    client_id: ctx.client.client_id,
  }
  return signRequestObject(claims, ctx, opts, 'request object (RFC 9101)')
}

/**
 * The `method` of the request-form decorators below. They travel with the client authentication
 * strategies because Simulator.call applies those in order to the outgoing form; put one FIRST, so
 * the client authentication parameters are added after the request parameters went into the JWT.
 */
export const REQUEST_FORM = 'authentication_request_form'

/** Sends the request's parameters as a signed `request` JWT (CIBA §7.1.1) instead of form parameters. */
export const SignedAuthenticationRequest = (opts: RequestObjectOptions = {}): ClientAuth =>
  defineAuth(
    REQUEST_FORM,
    `signed request (CIBA §7.1.1${opts.lifetime !== undefined ? `, exp - nbf = ${opts.lifetime} s` : ''})`,
    async (req) => {
      const params = [...req.body.entries()].filter(([k]) => !CLIENT_AUTH_PARAMS.includes(k))
      const jwt = await buildRequestObject(params, req, opts)
      for (const [k] of params) req.body.delete(k)
      req.body.set('request', jwt)
    },
  )

/**
 * Sends an authorization request (e.g. pushed to the PAR endpoint, RFC 9126 §3) as a signed
 * request object: every authorization request parameter goes into the `request` JWT; outside it
 * stay the client_id (RFC 9101 §5, RFC 9126 §2.1: required) and, added after this decorator, the
 * client authentication parameters. A `request_uri` form parameter (never a claim) stays outside.
 */
export const SignedAuthorizationRequest = (opts: RequestObjectOptions = {}): ClientAuth =>
  defineAuth(
    REQUEST_FORM,
    `signed request object (RFC 9101${opts.alg ? `, ${opts.alg}` : ''}${opts.lifetime !== undefined ? `, exp - nbf = ${opts.lifetime} s` : ''}${(opts.mutate ?? []).map((m) => `, ${m.label}`).join('')})`,
    async (req) => {
      const params = [...req.body.entries()].filter(
        ([k]) => !OUTSIDE_AUTHORIZATION_REQUEST_OBJECT.includes(k),
      )
      const jwt = await buildAuthorizationRequestObject(params, req, opts)
      for (const [k] of params) req.body.delete(k)
      req.body.set('request', jwt)
      req.body.set('client_id', req.client.client_id)
    },
  )

/** Leaves the request as plain form parameters: the unsigned form, named so nothing signs it. */
export const PlainAuthenticationRequest = (): ClientAuth =>
  defineAuth(REQUEST_FORM, 'unsigned request (plain form parameters)', async () => {})

/** Whether the strategies already fix the request form (signed or plain). */
export const fixesRequestForm = (auths: readonly ClientAuth[]): boolean =>
  auths.some((a) => a.method === REQUEST_FORM)
