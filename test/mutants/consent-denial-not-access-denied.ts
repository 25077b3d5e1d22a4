// Violates RFC 6749 §4.1.2.1 (RFC6749-4.1.2.1-3): a denial by the resource owner is answered with
// error "access_denied" ("The resource owner or authorization server denied the request.").
// Broken by a middleware (c): the error response that carries the end-user's denial to the client
// names invalid_request instead (the state and the redirect are kept).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'consent-denial-not-access-denied',
  module: import.meta.url,
  description:
    'oauth2 answers an end-user who denies consent with invalid_request, not access_denied',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['consent-denied-access-denied'],
  },
  async middleware(ctx, next) {
    await next()
    const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get('Location') : ''
    // the AS's own redirects (to its interaction pages) are relative: only the client's is absolute
    if (!location || !URL.canParse(location)) return
    const u = new URL(location)
    if (u.searchParams.get('error') !== 'access_denied') return
    u.searchParams.set('error', 'invalid_request')
    ctx.redirect(u.href)
  },
})
