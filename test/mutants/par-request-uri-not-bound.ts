// Violates RFC 9126 §2.2 (RFC9126-2.2-1): "The request_uri value MUST be bound to the client that
// posted the authorization request." Built with a middleware (c) on the authorization endpoint:
// where the request_uri names a pushed request, the client is the one that pushed it, whatever the
// client_id parameter says (the client_id is replaced by the pushed request's before oidc-provider
// sees it), so another client's client_id with that request_uri still authorizes.
import { decodeJwt } from 'jose'
import { defineMutant } from '../../src/reference-as/mutant.js'

const URN = 'urn:ietf:params:oauth:request_uri:'

export default defineMutant({
  id: 'par-request-uri-not-bound',
  module: import.meta.url,
  description:
    'fapi2-security takes the client of a request_uri from the pushed request, not from the client_id parameter',
  profiles: ['fapi2-security'],
  expectFailures: { 'fapi2-security': ['par-request-uri-other-client'] },
  async middleware(ctx, next) {
    if (ctx.method === 'GET' && ctx.path === '/auth') {
      const q = new URLSearchParams(ctx.querystring as string)
      const uri = q.get('request_uri')
      if (uri?.startsWith(URN)) {
        const pushed = await (ctx as any).app.PushedAuthorizationRequest.find(
          uri.slice(URN.length),
          { ignoreExpiration: true },
        )
        const clientId =
          pushed?.clientId ?? (pushed?.request ? decodeJwt(pushed.request).client_id : undefined)
        if (typeof clientId === 'string' && clientId !== q.get('client_id')) {
          q.set('client_id', clientId)
          // oidc-provider finds its mount path (the /<profile> prefix) as the part of originalUrl before url
          const req = ctx.req as { originalUrl?: string }
          const prefix = req.originalUrl?.endsWith(ctx.url)
            ? req.originalUrl.slice(0, -ctx.url.length)
            : ''
          ctx.querystring = q.toString()
          req.originalUrl = `${prefix}${ctx.url}`
        }
      }
    }
    return next()
  },
})
