// RFC 8705 §2.1.2: "A client using the "tls_client_auth" authentication method MUST use exactly one
// of the below metadata parameters to indicate the certificate subject value that the
// authorization server is to expect when authenticating the respective client." The five are
// alternatives for the client; which ones a server supports is its choice, and RFC 7591 §2 lets it
// refuse the others: "The authorization server MAY reject any requested client metadata values by
// replacing requested values with suitable defaults as described in Section 3.2.1 or by returning
// an error response as described in Section 3.2.2."
// This server supports tls_client_auth_subject_dn only: a registration naming any
// tls_client_auth_san_* member is refused with 400 invalid_client_metadata (a middleware, c).
import { defineMutant, readJson, respondWithError } from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

export default defineMutant({
  id: 'subject-dn-only',
  module: import.meta.url,
  description:
    'tls_client_auth by subject DN only: registering a tls_client_auth_san_* member is refused with invalid_client_metadata',
  why: 'RFC 7591 §2: "The authorization server MAY reject any requested client metadata values by replacing requested values with suitable defaults as described in Section 3.2.1 or by returning an error response as described in Section 3.2.2." RFC 8705 §2.1.2: a tls_client_auth client "MUST use exactly one of the below metadata parameters".',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && ctx.path === '/reg') {
      const metadata = await readJson(ctx)
      const san = Object.keys(metadata ?? {}).find((k) => k.startsWith('tls_client_auth_san_'))
      if (san)
        return respondWithError(
          ctx,
          400,
          'invalid_client_metadata',
          `${san} is not supported: register tls_client_auth_subject_dn`,
        )
    }
    return next()
  },
})
