// Violates RFC 6749 §5.2 (RFC6749-5.2): when the client attempted to authenticate via the
// "Authorization" request header field, the authorization server MUST respond with HTTP 401
// (Unauthorized) and include the "WWW-Authenticate" response header field. Broken by a middleware
// (c): a refused token request that carried HTTP Basic credentials is answered 400 without
// WWW-Authenticate; the JSON error body (invalid_client) is unchanged.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'basic-refusal-not-401',
  module: import.meta.url,
  description: 'oauth2 answers a refused HTTP Basic token request with 400 and no WWW-Authenticate',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['client-secret-basic-wrong-secret'],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.path === '/token' && ctx.status === 401 && /^basic /i.test(ctx.get('authorization'))) {
      ctx.status = 400
      ctx.remove('WWW-Authenticate')
    }
  },
})
