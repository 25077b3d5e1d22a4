// RFC 7591 §3.2.1: "The authorization server MAY reject or replace any of the client's requested
// metadata values submitted during the registration and substitute them with suitable values."
// This server never registers public clients: a registration asking for
// token_endpoint_auth_method=none gets a confidential client_secret_basic client instead (with a
// client_secret, RFC 7591 §3.2.1), where the profile's server enables client_secret_basic; where it
// does not (the FAPI profiles, fapi1-baseline), the request is refused with 400
// invalid_client_metadata (RFC 7591 §3.2.2). Built with a middleware (c) on POST /reg that rewrites
// the request; configure (a) only notes which methods each issuer enables.
import {
  defineMutant,
  readJson,
  replaceBody,
  respondWithError,
} from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

const REPLACEMENT = 'client_secret_basic'

/** The token_endpoint_auth_method values each issuer enables (noted by configure). */
const enabledMethods = new Map<string, readonly string[]>()

export default defineMutant({
  id: 'replaces-none',
  module: import.meta.url,
  description: `a registration asking for token_endpoint_auth_method none gets a ${REPLACEMENT} client, or invalid_client_metadata where that method is not enabled`,
  why: 'RFC 7591 §3.2.1: "The authorization server MAY reject or replace any of the client\'s requested metadata values submitted during the registration and substitute them with suitable values."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  configure(config, { issuer }) {
    enabledMethods.set(issuer, [...config.clientAuthMethods])
  },
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && ctx.path === '/reg') {
      const metadata = await readJson(ctx)
      if (metadata?.token_endpoint_auth_method === 'none') {
        if (!enabledMethods.get(ctx.app.issuer)?.includes(REPLACEMENT)) {
          return respondWithError(
            ctx,
            400,
            'invalid_client_metadata',
            'public clients are not supported: token_endpoint_auth_method none is refused',
          )
        }
        replaceBody(ctx, JSON.stringify({ ...metadata, token_endpoint_auth_method: REPLACEMENT }))
      }
    }
    return next()
  },
})
