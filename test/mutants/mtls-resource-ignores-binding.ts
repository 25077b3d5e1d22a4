// Violates RFC 8705 §3 (RFC8705-3) with RFC 6750 §3.1 (RFC6750-3.1): the protected resource must
// refuse a certificate-bound access token (401 invalid_token) unless it is presented with the
// certificate it is bound to. Broken by a middleware (c) in front of the reference resource: it
// serves any valid token, whatever certificate (or none) comes with it. Tokens stay bound
// (introspection still shows cnf.x5t#S256).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'mtls-resource-ignores-binding',
  module: import.meta.url,
  description:
    'the fapi2-security protected resource serves certificate-bound tokens without checking the certificate',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': [
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
    // DPoP-bound tokens are not this mutant's business (the dpop-resource-* mutants break those)
    if (!token || !token.isValid || token.jkt) return next()
    ctx.set('Cache-Control', 'no-store')
    ctx.status = 200
    ctx.body = { active: true, client_id: token.clientId, sub: token.accountId, scope: token.scope }
    return undefined
  },
})
