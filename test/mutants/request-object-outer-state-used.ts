// Violates FAPI 1.0 Part 2 §5.2.2-10 (FAPI1-ADV-5.2.2-10): the authorization server "shall only
// use the parameters included in the signed request object passed via the `request` or
// `request_uri` parameter". Broken by a middleware (c): where an authorization request carries a
// state as a query parameter and its request object holds none, that state is remembered under
// the interaction the AS starts, and put into the redirect that carries the code to the client (on
// the resume of that interaction, or at once where there is none). Requests with the state inside
// the request object are untouched.
import { decodeJwt } from 'jose'
import { defineMutant, type KoaContext } from '../../src/reference-as/mutant.js'

/** The state of an authorization request that is only outside its request object, if any. */
function outsideState(ctx: KoaContext): string | undefined {
  if (ctx.method !== 'GET' || ctx.path !== '/auth') return undefined
  const q = new URL(ctx.url, 'https://as.invalid').searchParams
  const state = q.get('state')
  const request = q.get('request')
  if (state === null || request === null) return undefined
  try {
    return decodeJwt(request).state === undefined ? state : undefined
  } catch {
    return undefined
  }
}

/** Outside states by interaction uid (the resume of an interaction is `/auth/<uid>`). */
const remembered = new Map<string, string>()

export default defineMutant({
  id: 'request-object-outer-state-used',
  module: import.meta.url,
  description: 'fapi1-advanced returns a state sent only outside the signed request object',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-outer-state-ignored'],
  },
  async middleware(ctx, next) {
    const outside = outsideState(ctx)
    await next()
    const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get('Location') : ''
    if (!location) return
    const interaction = /\/interaction\/([^/?#]+)/.exec(location)
    if (outside !== undefined && interaction) {
      remembered.set(interaction[1]!, outside)
      return
    }
    const resumed = /^\/auth\/([^/?#]+)$/.exec(ctx.path)
    const state = outside ?? (resumed ? remembered.get(resumed[1]!) : undefined)
    // the AS's own redirects are relative: only the client's is absolute
    if (state === undefined || !URL.canParse(location)) return
    const u = new URL(location)
    const fragment = new URLSearchParams(u.hash.slice(1))
    if (fragment.has('code') || fragment.has('response')) {
      if (!fragment.has('state')) fragment.set('state', state)
      u.hash = fragment.toString()
    } else if (u.searchParams.has('code') || u.searchParams.has('response')) {
      if (!u.searchParams.has('state')) u.searchParams.set('state', state)
    } else return
    if (resumed) remembered.delete(resumed[1]!)
    ctx.redirect(u.href)
  },
})
