// RFC 6749 §5.2: "invalid_client Client authentication failed (e.g., unknown client, no client
// authentication included, or unsupported authentication method). The authorization server MAY
// return an HTTP 401 (Unauthorized) status code to indicate which HTTP authentication schemes are
// supported." This server does so for every client authentication failure, at every endpoint
// (token, revocation, introspection, PAR, CIBA backchannel), whatever method the client used: any
// invalid_client answer is HTTP 401 with a `WWW-Authenticate: Basic realm="<issuer>"` challenge
// (oidc-provider adds the challenge only when the client sent an Authorization header, and keeps
// its own challenge then). Built with a middleware (c) that rewrites the response.
import { basicChallenge, defineMutant } from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

export default defineMutant({
  id: 'all-auth-failures-401',
  module: import.meta.url,
  description:
    'every invalid_client answer is HTTP 401 with WWW-Authenticate: Basic, whatever method the client used',
  why: 'RFC 6749 §5.2: "invalid_client Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The authorization server MAY return an HTTP 401 (Unauthorized) status code to indicate which HTTP authentication schemes are supported."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  async middleware(ctx, next) {
    await next()
    if (
      ctx.body &&
      typeof ctx.body === 'object' &&
      (ctx.body as { error?: unknown }).error === 'invalid_client'
    ) {
      ctx.status = 401
      if (!ctx.response.get('WWW-Authenticate')) ctx.set('WWW-Authenticate', basicChallenge(ctx))
    }
  },
})
