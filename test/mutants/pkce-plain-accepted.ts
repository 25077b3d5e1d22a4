// Violates FAPI 1.0 Part 1 §5.2.2-7 (FAPI1-BASE-5.2.2-7): the authorization server "shall require
// RFC7636 with S256 as the code challenge method;". Broken by a middleware (c): an authorization
// request with code_challenge_method=plain is turned into the equivalent S256 request before
// oidc-provider reads it (the challenge is hashed), so the AS issues a code for a plain challenge
// and exchanges it for the plain verifier.
import { createHash } from 'node:crypto'
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'pkce-plain-accepted',
  module: import.meta.url,
  description: 'fapi1-baseline accepts code_challenge_method=plain',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    'fapi1-baseline': ['pkce-plain-refused'],
  },
  middleware(ctx, next) {
    if (ctx.method === 'GET' && ctx.path === '/auth') {
      const q = new URLSearchParams(ctx.querystring as string)
      const challenge = q.get('code_challenge')
      if (q.get('code_challenge_method') === 'plain' && challenge) {
        q.set('code_challenge', createHash('sha256').update(challenge).digest('base64url'))
        q.set('code_challenge_method', 'S256')
        // oidc-provider finds its mount path (the /<profile> prefix) as the part of originalUrl before url
        const req = ctx.req as { originalUrl?: string }
        const prefix = req.originalUrl?.endsWith(ctx.url)
          ? req.originalUrl.slice(0, -ctx.url.length)
          : ''
        ctx.querystring = q.toString()
        req.originalUrl = `${prefix}${ctx.url}`
      }
    }
    return next()
  },
})
