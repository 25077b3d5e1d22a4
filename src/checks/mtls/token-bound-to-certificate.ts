import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface TokenBoundInput {
  /** The token response (HTTP 200 with access_token). */
  token: Exchange
  /**
   * Introspection of that access token (RFC 7662), authenticated as the client. When given, the
   * binding is read from it (RFC 8705 §3.2) and the token itself is not inspected; without it, the
   * access token must be a JWT and the binding is read from its claims (§3.1).
   */
  introspection?: Exchange
  /** base64url SHA-256 of the DER of the certificate the client presented (RFC 8705 §3.1). */
  expected: string
}

type Json = Record<string, unknown>

/** The claims of a JWT access token, or undefined for an opaque token. */
export function jwtPayload(token: string): Json | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const v = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
  } catch {
    return undefined
  }
}

/** The access_token of a successful token response. */
export function accessTokenOf(token: Exchange): string | undefined {
  if (token.response?.status !== 200) return undefined
  const body = jsonBody(token)
  const v =
    body.ok && body.value && typeof body.value === 'object'
      ? (body.value as Json).access_token
      : undefined
  return typeof v === 'string' && v ? v : undefined
}

const x5t = (o: Json | undefined): unknown =>
  o?.cnf && typeof o.cnf === 'object' ? (o.cnf as Json)['x5t#S256'] : undefined

/**
 * RFC 8705 §3: the access token issued to a client that presented a certificate is bound to it,
 * and the binding is "accessed by the protected resource" as the confirmation `cnf.x5t#S256` =
 * base64url(SHA-256(DER)) of that certificate: in a JWT access token, §3.1 ("When access tokens
 * are represented as JSON Web Tokens (JWT) [RFC7519], the certificate hash information SHOULD be
 * represented using the "x5t#S256" confirmation method member defined herein."), or in the
 * introspection response, §3.2 ("the hash of the certificate to which the token is bound is
 * conveyed to the protected resource as metainformation in a token introspection response").
 * One use judges one of the two: the JWT claims, or the introspection response. A binding that is
 * missing or names another certificate fails; the call site grades it (a `should` for §3.1).
 */
export default defineCheck<TokenBoundInput>({
  id: 'token-bound-to-certificate',
  title:
    "The access token is bound to the client certificate: cnf.x5t#S256 is the certificate's SHA-256 thumbprint",
  requirements: [],
  evaluate({ token, introspection, expected }) {
    const accessToken = accessTokenOf(token)
    if (!accessToken)
      return undecidable(
        `no access token to inspect (${token.response ? `HTTP ${token.response.status}` : token.transport_error?.code})`,
      )
    const payload = jwtPayload(accessToken)
    if (!introspection) {
      if (!payload)
        return undecidable(
          'the access token is opaque: RFC 8705 §3.1 is about JWT access tokens; only introspection (§3.2) can show its binding',
          { source: 'opaque access token', expected },
        )
      const inJwt = x5t(payload)
      const evidence = { source: 'jwt access token', 'cnf.x5t#S256': inJwt ?? null, expected }
      if (inJwt === undefined)
        return fail('the JWT access token carries no cnf.x5t#S256', {
          ...evidence,
          cnf: payload.cnf ?? null,
        })
      return inJwt === expected
        ? pass('the JWT access token carries cnf.x5t#S256 of the presented certificate', evidence)
        : fail('the JWT access token is bound to another certificate', evidence)
    }
    if (!introspection.response)
      return undecidable(`introspection: no HTTP response (${introspection.transport_error?.code})`)
    const ib = jsonBody(introspection)
    if (
      introspection.response.status !== 200 ||
      !ib.ok ||
      !ib.value ||
      typeof ib.value !== 'object'
    ) {
      return undecidable(
        `introspection answered HTTP ${introspection.response.status}${ib.ok ? '' : ` (${ib.reason})`}: the binding cannot be observed`,
        { status: introspection.response.status },
      )
    }
    const info = ib.value as Json
    if (info.active !== true)
      return undecidable('introspection says the fresh access token is not active', {
        active: info.active ?? null,
      })
    const bound = x5t(info)
    const evidence = {
      source: payload ? 'introspection of a jwt access token' : 'introspection',
      'cnf.x5t#S256': bound ?? null,
      expected,
    }
    if (bound === undefined)
      return fail(
        'introspection shows no cnf.x5t#S256: the access token is not certificate-bound',
        { ...evidence, cnf: info.cnf ?? null },
      )
    return bound === expected
      ? pass('introspection shows cnf.x5t#S256 of the presented certificate', evidence)
      : fail('introspection shows the access token bound to another certificate', evidence)
  },
})
