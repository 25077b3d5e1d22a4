// Misses RFC 9449 §7.1's challenge (RFC9449-7.1-10, a should): a refused request that carried
// an access token is answered 401 with WWW-Authenticate and an error parameter. Broken by a
// middleware (c): the fapi2-security resource's refusals of DPoP-bound tokens become a bare 403
// (still refusals: the shall-level verdicts pass, each refusal module warns). Certificate-bound
// tokens keep their 401 (mtls-bound-token-resource-* are unaffected).
import { defineMutant } from '../../src/reference-as/mutant.js'

const REFUSALS = [
  'dpop-resource-no-proof',
  'dpop-resource-bearer-downgrade',
  'dpop-resource-other-key',
  'dpop-resource-wrong-htm',
  'dpop-resource-wrong-htu',
  'dpop-resource-wrong-ath',
  'dpop-resource-stale-iat',
  'dpop-resource-replay',
]

export default defineMutant({
  id: 'dpop-resource-refusal-403',
  module: import.meta.url,
  description:
    'the fapi2-security resource refuses DPoP-bound tokens with a bare 403, without a challenge',
  profiles: ['fapi2-security'],
  expectFailures: {},
  expectWarnings: { 'fapi2-security': REFUSALS },
  async middleware(ctx, next) {
    await next()
    if (ctx.path !== '/resource' || ctx.status !== 401) return
    const m = /^(?:Bearer|DPoP) +(\S+)$/i.exec(ctx.get('authorization'))
    const provider = ctx.app
    const token = m
      ? ((await provider.AccessToken.find(m[1])) ?? (await provider.ClientCredentials.find(m[1])))
      : undefined
    if (!token?.jkt) return
    ctx.remove('WWW-Authenticate')
    ctx.status = 403
    ctx.body = { error: 'forbidden' }
  },
})
