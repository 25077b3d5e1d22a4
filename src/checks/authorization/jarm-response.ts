import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
} from 'jose'
import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineAsyncCheck, fail, pass, undecidable } from '../define.js'

export interface JarmResponseInput {
  /** The `response` parameter of the callback (response_mode jwt); undefined: the callback had none. */
  response?: string
  /** The callback's parameters (to name what came instead). */
  raw?: Record<string, string>
  /** The GET of the AS's jwks_uri. */
  jwks?: Exchange
  issuer: string
  clientId: string
  /** Seconds since the epoch at the callback. */
  now: number
  /** The JWS algs the profile allows (FAPI 1.0 Part 2 §8.6); undefined: any asymmetric alg. */
  algs?: string[]
  failure?: string
}

/**
 * JARM §2.1 (FAPI 1.0 Part 2 §5.2.2.2-1: "shall create JWT-secured authorization responses as
 * specified in [JARM]"): the authorization response is a JWT in the `response` parameter that
 * carries "iss - the issuer URL of the authorization server that created the response", "aud - the
 * client_id of the client the response is intended for" and "exp - expiration of the JWT", and it
 * is signed by the AS (verified here with the AS's jwks_uri, as JARM §4.4 has the client do).
 */
export default defineAsyncCheck<JarmResponseInput>({
  id: 'jarm-response',
  title:
    "The JARM response JWT is signed with a key of the AS's jwks_uri, with iss = issuer, aud = client_id and exp in the future",
  requirements: ['JARM-2.1'],
  async evaluate({ response, raw, jwks, issuer, clientId, now, algs, failure }) {
    if (!raw)
      return undecidable(
        `no authorization response: ${failure ?? 'the browser was not redirected'}`,
      )
    if (!response)
      return fail(
        `the authorization response to response_mode jwt carries no response JWT (${Object.keys(raw).join(', ') || 'no parameters'})`,
        { parameters: Object.keys(raw) },
      )
    let header: ReturnType<typeof decodeProtectedHeader>
    let claims: ReturnType<typeof decodeJwt>
    try {
      header = decodeProtectedHeader(response)
      claims = decodeJwt(response)
    } catch (e) {
      return fail(`the response parameter is not a signed JWT: ${(e as Error).message}`)
    }
    const alg = String(header.alg ?? 'none')
    const evidence: Record<string, unknown> = {
      alg,
      kid: header.kid,
      iss: claims.iss ?? null,
      aud: claims.aud ?? null,
      exp: claims.exp ?? null,
      now,
      issuer,
      client_id: clientId,
    }
    if (alg === 'none' || alg.startsWith('HS'))
      return fail(`the JARM response is not signed with the AS's key (alg ${alg})`, evidence)
    if (algs && !algs.includes(alg))
      return fail(
        `the JARM response is signed with ${alg}, which the profile does not allow (${algs.join(', ')})`,
        evidence,
      )
    if (!jwks?.response || jwks.response.status !== 200)
      return undecidable(
        'the jwks_uri could not be read: no key to verify the JARM response with',
        evidence,
      )
    const body = jsonBody(jwks)
    const keys =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as { keys?: unknown }).keys
        : undefined
    if (!Array.isArray(keys)) return undecidable('the jwks_uri does not serve a JWK Set', evidence)
    try {
      await compactVerify(response, createLocalJWKSet({ keys } as JSONWebKeySet), {
        algorithms: [alg],
      })
    } catch (e) {
      return fail(
        `the JARM response's signature does not verify with the jwks_uri: ${(e as Error).message}`,
        evidence,
      )
    }
    if (claims.iss !== issuer)
      return fail(
        claims.iss === undefined
          ? 'the JARM response has no iss'
          : `the JARM response's iss is ${JSON.stringify(claims.iss)}, the issuer ${JSON.stringify(issuer)}`,
        evidence,
      )
    const aud = Array.isArray(claims.aud)
      ? claims.aud
      : claims.aud === undefined
        ? []
        : [claims.aud]
    if (!aud.includes(clientId))
      return fail(
        `the JARM response's aud ${JSON.stringify(claims.aud ?? null)} does not name the client ${clientId}`,
        evidence,
      )
    if (typeof claims.exp !== 'number') return fail('the JARM response has no exp', evidence)
    if (claims.exp <= now)
      return fail(
        `the JARM response expired ${now - claims.exp} s before it was received`,
        evidence,
      )
    return pass(
      `signed with ${alg} by a key of the jwks_uri; iss, aud and exp as JARM §2.1 says`,
      evidence,
    )
  },
})
