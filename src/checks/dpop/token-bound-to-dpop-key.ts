import { jsonBody } from '../../http/client.js'
import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'
import { accessTokenOf, jwtPayload } from '../mtls/token-bound-to-certificate.js'

export interface DpopBoundInput {
  /** The token response (HTTP 200 with access_token). */
  token: Exchange
  /** Introspection of that access token (RFC 7662); without it the token must be a JWT (§6.1). */
  introspection?: Exchange
  /** The RFC 7638 SHA-256 thumbprint of the key that signed the token request's proof. */
  expected: string
}

type Json = Record<string, unknown>
const jkt = (o: Json | undefined): unknown =>
  o?.cnf && typeof o.cnf === 'object' ? (o.cnf as Json).jkt : undefined

/**
 * RFC 9449 §6: the binding of a DPoP-bound access token is "accessed by the protected resource":
 * §6.1 in a JWT access token, cnf.jkt = the JWK SHA-256 thumbprint of the proof's key; §6.2 in the
 * introspection response, the same cnf.jkt, and "If the token_type member is included in the
 * introspection response, it MUST contain the value DPoP." One use judges one of the two.
 */
export default defineCheck<DpopBoundInput>({
  id: 'token-bound-to-dpop-key',
  title: "The access token is bound to the DPoP key: cnf.jkt is the key's JWK SHA-256 thumbprint",
  requirements: ['RFC9449-6.1', 'RFC9449-6.2'],
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
          'the access token is opaque: only introspection (RFC 9449 §6.2) can show its binding',
          { source: 'opaque access token', expected },
        )
      const inJwt = jkt(payload)
      const evidence = { source: 'jwt access token', 'cnf.jkt': inJwt ?? null, expected }
      if (inJwt === undefined)
        return fail('the JWT access token carries no cnf.jkt', {
          ...evidence,
          cnf: payload.cnf ?? null,
        })
      return inJwt === expected
        ? pass('the JWT access token carries cnf.jkt of the proof key', evidence)
        : fail('the JWT access token is bound to another key', evidence)
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
        `introspection answered HTTP ${introspection.response.status}: the binding cannot be observed`,
        { status: introspection.response.status },
      )
    }
    const info = ib.value as Json
    if (info.active !== true)
      return undecidable('introspection says the fresh access token is not active', {
        active: info.active ?? null,
      })
    const bound = jkt(info)
    const evidence = {
      source: 'introspection',
      'cnf.jkt': bound ?? null,
      token_type: info.token_type ?? null,
      expected,
    }
    if (bound === undefined)
      return fail('introspection shows no cnf.jkt: the access token is not DPoP-bound', {
        ...evidence,
        cnf: info.cnf ?? null,
      })
    if (bound !== expected)
      return fail('introspection shows the access token bound to another key', evidence)
    if (info.token_type !== undefined && String(info.token_type).toLowerCase() !== 'dpop')
      return fail(
        `introspection shows cnf.jkt but token_type ${JSON.stringify(info.token_type)}; DPoP is due`,
        evidence,
      )
    return pass('introspection shows cnf.jkt of the proof key', evidence)
  },
})
