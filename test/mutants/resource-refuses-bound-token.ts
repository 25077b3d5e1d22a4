// Violates RFC 8705 §3 (RFC8705-3): a protected resource supporting certificate-bound access
// tokens serves a token presented over mutual TLS with the certificate it is bound to. Broken by a
// middleware (c) in front of the reference resource: every certificate-bound token is refused with
// 401 invalid_token, even with the right certificate (unbound tokens are still served).
//
// The resource modules need a protected resource URL: the harness knows it only for the embedded
// AS or from resource_url / FAPI_HARNESS_RESOURCE_URL, so this mutant runs where the mTLS mutants
// run (test/self/mtls-mutants.test.ts sets FAPI_HARNESS_RESOURCE_URL), not in test/self/mutants.
// The two refusal modules (mtls-bound-token-resource-no-certificate, -other-certificate) first
// present the token with its own certificate (step resource-control, their control); refused
// there, a refusal without it proves nothing, so they end inconclusive: status error with
// ERR_PRECONDITION, keeping their clauses (RFC8705-3, RFC6750-3.1 and the profile's
// sender-constraining clauses), never failed and never passed.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'resource-refuses-bound-token',
  module: import.meta.url,
  description:
    'the fapi1-advanced protected resource refuses certificate-bound tokens even with the right certificate',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['mtls-bound-token-resource-accepts'],
  },
  // Each refusal module's control (the token with its own certificate) is refused: inconclusive
  // (ERR_PRECONDITION), which is the right answer.
  expectErrors: {
    'fapi1-advanced': [
      'mtls-bound-token-resource-no-certificate',
      'mtls-bound-token-resource-other-certificate',
    ],
  },
  async middleware(ctx, next) {
    if (ctx.path !== '/resource' || ctx.method !== 'GET') return next()
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(ctx.get('authorization'))
    const provider = ctx.app
    const token = m
      ? ((await provider.AccessToken.find(m[1])) ?? (await provider.ClientCredentials.find(m[1])))
      : undefined
    if (!token || !token.isValid || !token['x5t#S256']) return next()
    ctx.set('Cache-Control', 'no-store')
    ctx.set(
      'WWW-Authenticate',
      `Bearer realm="${provider.issuer}", error="invalid_token", error_description="the access token is invalid"`,
    )
    ctx.status = 401
    ctx.body = { error: 'invalid_token', error_description: 'the access token is invalid' }
    return undefined
  },
})
