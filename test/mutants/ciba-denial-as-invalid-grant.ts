// Violates CIBA Core §11 (CIBA-11-4): a poll for a request the end-user denied is answered
// access_denied ("The end-user denied the authorization request."). Broken by a middleware (c):
// the token endpoint's access_denied becomes invalid_grant, which tells the client nothing of the
// end-user's decision.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-denial-as-invalid-grant',
  module: import.meta.url,
  description:
    'fapi-ciba answers a poll for a denied request with invalid_grant instead of access_denied',
  profiles: ['fapi-ciba'],
  expectFailures: {
    'fapi-ciba': ['ciba-poll-access-denied'],
  },
  async middleware(ctx, next) {
    await next()
    if (
      ctx.path === '/token' &&
      ctx.status === 400 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      ctx.body.error === 'access_denied'
    ) {
      ctx.body = { error: 'invalid_grant', error_description: 'grant request is invalid' }
    }
  },
})
