// Violates RFC 6749 §5.1 (RFC6749-5.1): the authorization server MUST include the HTTP
// "Cache-Control" response header field with a value of "no-store" in any response containing
// tokens, "as well as the Pragma response header field with a value of no-cache". Broken by a
// middleware (c): successful token endpoint responses lose Cache-Control and Pragma.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'token-response-cacheable',
  module: import.meta.url,
  description: 'oauth2 sends successful token responses without Cache-Control: no-store',
  profiles: ['oauth2'],
  expectFailures: {
    // judged once, in the module of its own (RFC 6749 §5.1), not on every accepted request
    oauth2: ['token-response-cache-control'],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.path === '/token' && ctx.status === 200) {
      ctx.remove('Cache-Control')
      ctx.remove('Pragma')
    }
  },
})
