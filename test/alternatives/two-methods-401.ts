// RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
// §5.2 lists that case under invalid_request ("utilizes more than one mechanism for authenticating
// the client"), but the same request is also one whose "Client authentication failed", and for
// invalid_client "The authorization server MAY return an HTTP 401 (Unauthorized) status code to
// indicate which HTTP authentication schemes are supported. If the client attempted to authenticate
// via the "Authorization" request header field, the authorization server MUST respond with an HTTP
// 401 (Unauthorized) status code and include the "WWW-Authenticate" response header field".
// This server answers a request carrying two client authentication mechanisms with 401
// invalid_client and a Basic challenge (oidc-provider answers 400 invalid_request). Built with a
// middleware (c) at every endpoint that authenticates clients.
import {
  basicChallenge,
  defineMutant,
  readForm,
  respondWithError,
} from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

/** oidc-provider routes that authenticate the client: token, introspection, revocation, CIBA, PAR. */
export const CLIENT_AUTH_PATHS = new Set([
  '/token',
  '/token/introspection',
  '/token/revocation',
  '/backchannel',
  '/request',
])

export default defineMutant({
  id: 'two-methods-401',
  module: import.meta.url,
  description:
    'a request carrying two client authentication methods is refused with 401 invalid_client and WWW-Authenticate',
  why: 'RFC 6749 §5.2: "invalid_client Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The authorization server MAY return an HTTP 401 (Unauthorized) status code to indicate which HTTP authentication schemes are supported."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && CLIENT_AUTH_PATHS.has(ctx.path)) {
      const form = await readForm(ctx)
      // the mechanisms oidc-provider counts: an Authorization header, client_assertion, client_secret
      const mechanisms = [
        ctx.headers.authorization,
        form?.get('client_assertion'),
        form?.get('client_secret'),
      ].filter(Boolean)
      if (mechanisms.length > 1) {
        return respondWithError(
          ctx,
          401,
          'invalid_client',
          'client authentication failed: more than one authentication mechanism was used',
          basicChallenge(ctx),
        )
      }
    }
    return next()
  },
})
