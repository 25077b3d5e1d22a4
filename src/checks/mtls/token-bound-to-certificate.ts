import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface TokenBoundInput {
  /** The token response (HTTP 200 with access_token). */
  token: Exchange
  /** Introspection of that access token (RFC 7662), authenticated as the client; needed for opaque tokens. */
  introspection?: Exchange
  /** base64url SHA-256 of the DER of the certificate the client presented (RFC 8705 §3.1). */
  expected: string
}

type Json = Record<string, unknown>

function jwtPayload(token: string): Json | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const v = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
  } catch {
    return undefined
  }
}

const x5t = (o: Json | undefined): unknown => (o?.cnf && typeof o.cnf === 'object' ? (o.cnf as Json)['x5t#S256'] : undefined)

/**
 * RFC 8705 §3: an access token issued to a client that presented a certificate is bound to it; the
 * binding is the confirmation `cnf.x5t#S256` = base64url(SHA-256(DER)) of that certificate, carried
 * in a JWT access token (§3.1) or returned by introspection (§3.2). A token without it, or bound to
 * another certificate, fails.
 */
export default defineCheck<TokenBoundInput>({
  id: 'token-bound-to-certificate',
  title: "The access token is bound to the client certificate: cnf.x5t#S256 is the certificate's SHA-256 thumbprint",
  requirements: ['RFC8705-3'],
  evaluate({ token, introspection, expected }) {
    const body = jsonBody(token)
    const accessToken = body.ok && body.value && typeof body.value === 'object' ? (body.value as Json).access_token : undefined
    if (token.response?.status !== 200 || typeof accessToken !== 'string') {
      return undecidable(`no access token to inspect (${token.response ? `HTTP ${token.response.status}` : token.transport_error?.code})`)
    }
    const payload = jwtPayload(accessToken)
    const inJwt = x5t(payload)
    if (inJwt !== undefined) {
      const evidence = { source: 'jwt access token', 'cnf.x5t#S256': inJwt, expected }
      return inJwt === expected ? pass('the JWT access token carries cnf.x5t#S256 of the presented certificate', evidence) : fail('the JWT access token is bound to another certificate', evidence)
    }
    if (!introspection) {
      return payload
        ? fail('the JWT access token carries no cnf.x5t#S256 and no introspection endpoint can show a binding', { source: 'jwt access token', cnf: payload.cnf ?? null, expected })
        : undecidable('the access token is opaque and the target has no introspection endpoint: the binding cannot be observed', { expected })
    }
    if (!introspection.response) return undecidable(`introspection: no HTTP response (${introspection.transport_error?.code})`)
    const ib = jsonBody(introspection)
    if (introspection.response.status !== 200 || !ib.ok || !ib.value || typeof ib.value !== 'object') {
      return undecidable(`introspection answered HTTP ${introspection.response.status}${ib.ok ? '' : ` (${ib.reason})`}: the binding cannot be observed`, { status: introspection.response.status })
    }
    const info = ib.value as Json
    if (info.active !== true) return undecidable('introspection says the fresh access token is not active', { active: info.active ?? null })
    const bound = x5t(info)
    const evidence = { source: payload ? 'introspection of a jwt access token' : 'introspection', 'cnf.x5t#S256': bound ?? null, expected }
    if (bound === undefined) return fail('the access token is not certificate-bound: introspection shows no cnf.x5t#S256', { ...evidence, cnf: info.cnf ?? null })
    return bound === expected ? pass('introspection shows cnf.x5t#S256 of the presented certificate', evidence) : fail('the access token is bound to another certificate', evidence)
  },
})
