// Violates RFC 6750 §3 (RFC6750-3): "If the protected resource request does not include
// authentication credentials [...], the resource server MUST include the HTTP "WWW-Authenticate"
// response header field". Broken by a middleware (c): a UserInfo request without any access token
// is answered 200 with an anonymous sub.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'userinfo-without-token',
  module: import.meta.url,
  description: "oidc's UserInfo endpoint answers a request without an access token with 200",
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-userinfo'],
  },
  middleware(ctx, next) {
    if (
      ctx.path === '/me' &&
      ctx.headers.authorization === undefined &&
      !/access_token=/.test(String(ctx.querystring ?? ''))
    ) {
      ctx.status = 200
      ctx.set('Cache-Control', 'no-store')
      ctx.body = { sub: 'anonymous' }
      return
    }
    return next()
  },
})
