// Violates RFC 9449 §7.1 (RFC9449-7.1) and FAPI 2.0 §5.3.4-5 (FAPI2-SP-FINAL-5.3.4-5): a resource
// supporting DPoP serves a DPoP-bound token presented with a valid proof of its key. Broken by a
// middleware (c) in front of the reference resource: every DPoP-bound token is refused with 401
// invalid_token, even with a correct proof. The refusal modules first present the token with a
// correct proof (their control); refused there, a refusal of the variant proves nothing: they end
// inconclusive (ERR_PRECONDITION), never passed.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-resource-refuses-bound-token',
  module: import.meta.url,
  description: 'the fapi2-security resource refuses DPoP-bound tokens even with a correct proof',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-accepts'],
  },
  expectErrors: {
    'fapi2-security': [
      'dpop-resource-bearer-downgrade',
      'dpop-resource-no-proof',
      'dpop-resource-other-key',
      'dpop-resource-replay',
      'dpop-resource-stale-iat',
      'dpop-resource-wrong-ath',
      'dpop-resource-wrong-htm',
      'dpop-resource-wrong-htu',
    ],
  },
  async middleware(ctx, next) {
    if (ctx.path !== '/resource' || ctx.method !== 'GET') return next()
    const m = /^(?:Bearer|DPoP) +(\S+)$/i.exec(ctx.get('authorization'))
    const provider = ctx.app
    const token = m
      ? ((await provider.AccessToken.find(m[1])) ?? (await provider.ClientCredentials.find(m[1])))
      : undefined
    if (!token?.jkt) return next()
    ctx.set('Cache-Control', 'no-store')
    ctx.set(
      'WWW-Authenticate',
      `DPoP realm="${provider.issuer}", error="invalid_token", error_description="the access token is invalid"`,
    )
    ctx.status = 401
    ctx.body = { error: 'invalid_token', error_description: 'the access token is invalid' }
    return undefined
  },
})
