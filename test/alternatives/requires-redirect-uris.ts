// OpenID Connect Dynamic Client Registration 1.0 §2: "redirect_uris REQUIRED. Array of Redirection
// URI values used by the Client." RFC 7591 §3.2.2 names the refusal: "invalid_redirect_uri The value
// of one or more redirection URIs is invalid." A server may therefore refuse every registration
// that carries no redirect URI, even for a client that will only use client_credentials or CIBA.
// Built with a middleware (c) on POST /reg; the registration otherwise proceeds unchanged.
import {
  defineMutant,
  readJson,
  respondWithError,
  type KoaMiddleware,
} from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

/** POST /reg without a non-empty `redirect_uris` array: 400 invalid_redirect_uri (RFC 7591 §3.2.2). */
export const requireRedirectUris: KoaMiddleware = async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/reg') {
    const metadata = await readJson(ctx)
    const uris = metadata?.redirect_uris
    if (!Array.isArray(uris) || uris.length === 0) {
      return respondWithError(
        ctx,
        400,
        'invalid_redirect_uri',
        'redirect_uris is required (OpenID Connect Dynamic Client Registration 1.0 section 2)',
      )
    }
  }
  return next()
}

export default defineMutant({
  id: 'requires-redirect-uris',
  module: import.meta.url,
  description:
    'registration without a non-empty redirect_uris is refused with 400 invalid_redirect_uri',
  why: 'OpenID Connect Dynamic Client Registration 1.0 §2: "redirect_uris REQUIRED. Array of Redirection URI values used by the Client." RFC 7591 §3.2.2: "invalid_redirect_uri The value of one or more redirection URIs is invalid."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  middleware: requireRedirectUris,
})
