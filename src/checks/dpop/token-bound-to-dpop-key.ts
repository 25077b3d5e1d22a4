import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass } from '../define.js'
import { bindingClaims, confirmation } from '../token-binding.js'

export interface DpopBoundInput {
  /** The token response (HTTP 200 with access_token). */
  token: Exchange
  /** Introspection of that access token (RFC 7662); without it the token must be a JWT (§6.1). */
  introspection?: Exchange
  /** The RFC 7638 SHA-256 thumbprint of the key that signed the token request's proof. */
  expected: string
}

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
    const seen = bindingClaims(
      token,
      introspection,
      'only introspection (RFC 9449 §6.2) can show its binding',
      expected,
    )
    if ('verdict' in seen) return seen.verdict
    const bound = confirmation(seen.claims, 'jkt')
    if (seen.source === 'jwt') {
      const evidence = { source: 'jwt access token', 'cnf.jkt': bound ?? null, expected }
      if (bound === undefined)
        return fail('the JWT access token carries no cnf.jkt', {
          ...evidence,
          cnf: seen.claims.cnf ?? null,
        })
      return bound === expected
        ? pass('the JWT access token carries cnf.jkt of the proof key', evidence)
        : fail('the JWT access token is bound to another key', evidence)
    }
    const info = seen.claims
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
