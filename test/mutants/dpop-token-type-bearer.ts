// Violates RFC 9449 §5 (RFC9449-5-4): "A token_type of DPoP MUST be included in the access token
// response" of a DPoP-bound token. Broken by a middleware (c): the fapi2-security token endpoint's
// answers say token_type Bearer although the token is bound (introspection still shows cnf.jkt).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-token-type-bearer',
  module: import.meta.url,
  description: 'fapi2-security issues DPoP-bound tokens with token_type Bearer',
  profiles: ['fapi2-security'],
  expectFailures: {
    // the code-binding modules' controls redeem a DPoP-bound code and judge the same token_type
    'fapi2-security': ['dpop-bound-token', 'dpop-jkt-code-binding', 'dpop-par-proof-code-binding'],
  },
  async middleware(ctx, next) {
    await next()
    if (
      ctx.path === '/token' &&
      ctx.status === 200 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      ctx.body.token_type === 'DPoP'
    )
      ctx.body = { ...ctx.body, token_type: 'Bearer' }
  },
})
