// Violates RFC 6749 §4.1.2 (RFC6749-4.1.2-2): the authorization response's state is "REQUIRED if
// the "state" parameter was present in the client authorization request. The exact value received
// from the client." Broken by a middleware (c): the redirect that carries the code to the client
// loses its state parameter; the code itself is untouched, so the code exchange still succeeds.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'authorization-response-drops-state',
  module: import.meta.url,
  description:
    'oauth2 redirects the authorization code to the client without the state of the request',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['authorization-code-flow'],
  },
  // its control's state is lost too: the long state's module cannot tell a length problem from it
  expectErrors: {
    oauth2: ['long-state-and-nonce'],
  },
  async middleware(ctx, next) {
    await next()
    const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get('Location') : ''
    // the AS's own redirects (to its interaction pages) are relative: only the client's is absolute
    if (!location || !URL.canParse(location)) return
    const u = new URL(location)
    const fragment = new URLSearchParams(u.hash.slice(1))
    if (!u.searchParams.has('code') && !fragment.has('code')) return
    u.searchParams.delete('state')
    fragment.delete('state')
    u.hash = fragment.size ? fragment.toString() : ''
    ctx.redirect(u.href)
  },
})
