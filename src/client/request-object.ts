import { randomUUID } from 'node:crypto'
import { signJws } from '../crypto/jws.js'
import type { KeyKind, KeyPair } from '../crypto/keys.js'
import { HarnessError } from '../errors.js'
import type { JwsAlg } from '../suite/profile.js'
import { defaultAlg } from './auth/private-key-jwt.js'
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
 */

/** exp - nbf of the requests a correct client sends: 5 minutes, well inside FAPI-CIBA's 60. */
export const DEFAULT_REQUEST_LIFETIME_S = 300

/** Form parameters of client authentication, which stay outside the JWT (CIBA §7.1.1). */
export const CLIENT_AUTH_PARAMS: readonly string[] = ['client_id', 'client_secret', 'client_assertion', 'client_assertion_type']

/** The JWS alg a client signs its requests with for a key kind: the one it registers (CIBA §4). */
export function requestObjectAlg(kind: KeyKind): JwsAlg {
  return kind === 'EC-P256' ? 'ES256' : kind === 'Ed25519' ? 'EdDSA' : 'PS256'
}

export interface RequestObjectContext {
  client: TestClient
  metadata: ServerMetadata
  /** Seconds since the epoch; injected so tests can freeze time. */
  now: number
}

export interface RequestObjectOptions {
  /** exp - nbf in seconds; default DEFAULT_REQUEST_LIFETIME_S. */
  lifetime?: number
  /** Signing key; default the client's registered key. */
  key?: KeyPair
  /** JWS alg; default PS256 for an RSA key, ES256 for an EC key. */
  alg?: JwsAlg
  /**
   * Client authentication parameters kept inside the JWT as well: an authorization request object
   * carries its client_id (RFC 9101 §5; RFC 9126 §3 requires it of a pushed one).
   */
  keep?: readonly string[]
}

/** The parameters an authorization request object keeps among the client authentication ones. */
export const AUTHORIZATION_REQUEST_KEEP: readonly string[] = ['client_id']

/**
 * The claims of a signed authentication request: every authentication request parameter (client
 * authentication parameters excepted) with aud = issuer, iss = client_id, iat = nbf = now,
 * exp = nbf + lifetime and a fresh jti.
 */
export function requestObjectClaims(params: Iterable<[string, string]>, ctx: RequestObjectContext, lifetime = DEFAULT_REQUEST_LIFETIME_S, keep: readonly string[] = []): Record<string, unknown> {
  const claims: Record<string, unknown> = {}
  for (const [k, v] of params) if (!CLIENT_AUTH_PARAMS.includes(k) || keep.includes(k)) claims[k] = v
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

/** Builds and signs the `request` JWT for the given authentication request parameters. */
export async function buildRequestObject(params: Iterable<[string, string]>, ctx: RequestObjectContext, opts: RequestObjectOptions = {}): Promise<string> {
  const key = opts.key ?? ctx.client.key
  if (!key) throw new HarnessError('ERR_STEP_PRECONDITION', `client ${ctx.client.client_id} has no private key to sign its request object with (CIBA §7.1.1, RFC 9101 §2.1)`)
  const alg = opts.alg ?? defaultAlg(key.privateJwk.kty)
  return signJws({ kid: key.kid }, requestObjectClaims(params, ctx, opts.lifetime, opts.keep), { mode: 'key', key, alg })
}

/**
 * The `method` of the request-form decorators below. They travel with the client authentication
 * strategies because Simulator.call applies those in order to the outgoing form; put one FIRST, so
 * the client authentication parameters are added after the request parameters went into the JWT.
 */
export const REQUEST_FORM = 'authentication_request_form'

/**
 * Sends the request's parameters as a signed `request` JWT instead of form parameters: a CIBA
 * signed authentication request (§7.1.1), or, with `keep: AUTHORIZATION_REQUEST_KEEP`, a pushed
 * authorization request object (RFC 9126 §3, RFC 9101), whose client_id stays in the JWT too.
 */
export const SignedAuthenticationRequest = (opts: RequestObjectOptions = {}): ClientAuth =>
  defineAuth(REQUEST_FORM, `signed request (${opts.keep?.length ? 'RFC 9101 request object' : 'CIBA §7.1.1'}${opts.lifetime !== undefined ? `, exp - nbf = ${opts.lifetime} s` : ''})`, async (req) => {
    const params = [...req.body.entries()].filter(([k]) => !CLIENT_AUTH_PARAMS.includes(k) || opts.keep?.includes(k))
    const jwt = await buildRequestObject(params, req, opts)
    for (const [k] of params) if (!CLIENT_AUTH_PARAMS.includes(k)) req.body.delete(k)
    req.body.set('request', jwt)
  })

/** A signed authorization request object (RFC 9101 §2.1), pushed or by value: its client_id inside too. */
export const SignedAuthorizationRequest = (opts: Omit<RequestObjectOptions, 'keep'> = {}): ClientAuth => SignedAuthenticationRequest({ ...opts, keep: AUTHORIZATION_REQUEST_KEEP })

/** Leaves the request as plain form parameters: the unsigned form, named so nothing signs it. */
export const PlainAuthenticationRequest = (): ClientAuth => defineAuth(REQUEST_FORM, 'unsigned request (plain form parameters)', async () => {})

/** Whether the strategies already fix the request form (signed or plain). */
export const fixesRequestForm = (auths: readonly ClientAuth[]): boolean => auths.some((a) => a.method === REQUEST_FORM)
