// Violates RFC 6749 §6 (RFC6749-6): "If valid and authorized, the authorization server issues an
// access token as described in Section 5.1." Broken by a middleware (c): oauth2 still issues
// refresh tokens with the code, but answers every refresh request with invalid_grant.
import { defineMutant, readForm, respondWithError } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'refresh-token-grant-refused',
  module: import.meta.url,
  description: 'oauth2 issues refresh tokens and refuses them all with invalid_grant',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['refresh-token-grant'],
  },
  // its control (a refresh before the code is replayed) is refused: nothing can be decided
  expectErrors: {
    oauth2: ['authorization-code-replay-revokes-tokens'],
  },
  async middleware(ctx, next) {
    if (
      ctx.method === 'POST' &&
      ctx.path === '/token' &&
      (await readForm(ctx))?.get('grant_type') === 'refresh_token'
    ) {
      respondWithError(ctx, 400, 'invalid_grant', 'refresh tokens are not honoured')
      return
    }
    await next()
  },
})
