import type { Exchange } from '../../suite/result.js'
import { defineCheck, fail, pass } from '../define.js'
import { bindingClaims, confirmation } from '../token-binding.js'

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
    const seen = bindingClaims(
      token,
      introspection,
      'RFC 8705 §3.1 is about JWT access tokens; only introspection (§3.2) can show its binding',
      expected,
    )
    if ('verdict' in seen) return seen.verdict
    const bound = confirmation(seen.claims, 'x5t#S256')
    if (seen.source === 'jwt') {
      const evidence = { source: 'jwt access token', 'cnf.x5t#S256': bound ?? null, expected }
      if (bound === undefined)
        return fail('the JWT access token carries no cnf.x5t#S256', {
          ...evidence,
          cnf: seen.claims.cnf ?? null,
        })
      return bound === expected
        ? pass('the JWT access token carries cnf.x5t#S256 of the presented certificate', evidence)
        : fail('the JWT access token is bound to another certificate', evidence)
    }
    const evidence = {
      source: seen.jwt ? 'introspection of a jwt access token' : 'introspection',
      'cnf.x5t#S256': bound ?? null,
      expected,
    }
    if (bound === undefined)
      return fail(
        'introspection shows no cnf.x5t#S256: the access token is not certificate-bound',
        { ...evidence, cnf: seen.claims.cnf ?? null },
      )
    return bound === expected
      ? pass('introspection shows cnf.x5t#S256 of the presented certificate', evidence)
      : fail('introspection shows the access token bound to another certificate', evidence)
  },
})
