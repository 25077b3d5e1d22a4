import { jsonBody } from '../http/client.js'
import type { Exchange } from '../suite/result.js'
import { undecidable, type Verdict } from './define.js'

/**
 * Where the binding of a sender-constrained access token is read, for the certificate (RFC 8705 §3)
 * and DPoP (RFC 9449 §6) binding checks: both say the binding is "accessed by the protected
 * resource", in the claims of a JWT access token or in the introspection response (RFC 7662). Not a
 * check: the two checks judge the `cnf` member each names.
 */
export type Json = Record<string, unknown>

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

/** The `cnf` confirmation member `name` of a set of claims, if there is one. */
export function confirmation(claims: Json | undefined, name: string): unknown {
  return claims?.cnf && typeof claims.cnf === 'object' ? (claims.cnf as Json)[name] : undefined
}

/**
 * The claims that carry the binding: the introspection response when one was made (then `jwt` says
 * whether the token was a JWT too), else the JWT access token's own. What leaves the binding
 * unobservable is undecidable, never failed: no access token, an opaque token without
 * introspection (`opaque` says why only introspection could show it; `expected` is its evidence), an introspection without a
 * JSON answer, or one that says the fresh token is not active.
 */
export function bindingClaims(
  token: Exchange,
  introspection: Exchange | undefined,
  opaque: string,
  expected: string,
):
  | { source: 'jwt'; claims: Json }
  | { source: 'introspection'; claims: Json; jwt: boolean }
  | { verdict: Verdict } {
  const accessToken = accessTokenOf(token)
  if (!accessToken) {
    const why = token.response ? `HTTP ${token.response.status}` : token.transport_error?.code
    return { verdict: undecidable(`no access token to inspect (${why})`) }
  }
  const payload = jwtPayload(accessToken)
  if (!introspection) {
    if (!payload)
      return {
        verdict: undecidable(`the access token is opaque: ${opaque}`, {
          source: 'opaque access token',
          expected,
        }),
      }
    return { source: 'jwt', claims: payload }
  }
  if (!introspection.response)
    return {
      verdict: undecidable(
        `introspection: no HTTP response (${introspection.transport_error?.code})`,
      ),
    }
  const ib = jsonBody(introspection)
  const status = introspection.response.status
  if (status !== 200 || !ib.ok || !ib.value || typeof ib.value !== 'object')
    return {
      verdict: undecidable(
        `introspection answered HTTP ${status}${ib.ok ? '' : ` (${ib.reason})`}: the binding cannot be observed`,
        { status },
      ),
    }
  const info = ib.value as Json
  if (info.active !== true)
    return {
      verdict: undecidable('introspection says the fresh access token is not active', {
        active: info.active ?? null,
      }),
    }
  return { source: 'introspection', claims: info, jwt: payload !== undefined }
}
