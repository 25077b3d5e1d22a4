// Violates CIBA Core §11 (CIBA-11-5): a push-mode client's token request is
// answered unauthorized_client ("The Client is not authorized as it is configured in Push Mode").
// Broken by a middleware (c): that refusal becomes authorization_pending, so the push client is
// told to keep polling a token endpoint that is not for it.
import { PUSH_CLIENT_POLLS } from '../../src/reference-as/ciba-push.js'
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-push-client-polls',
  module: import.meta.url,
  description:
    'ciba answers a push-mode client polling the token endpoint with authorization_pending',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-push-poll-refused'],
  },
  async middleware(ctx, next) {
    await next()
    if (
      ctx.path === '/token' &&
      ctx.status === 400 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      ctx.body.error_description === PUSH_CLIENT_POLLS
    ) {
      ctx.body = {
        error: 'authorization_pending',
        error_description:
          "authorization request is still pending as the end-user hasn't yet been authenticated",
      }
    }
  },
})
