// Violates FAPI 1.0 Part 1 §5.2.2-19 (FAPI1-BASE-5.2.2-19), which Part 2 takes over: mis-matched
// client identifiers are refused, but the AS "shall return an invalid_client error". Broken by a
// middleware (c): the reference AS's invalid_client answer to a client_id parameter that names
// another client than the assertion becomes 400 invalid_request (oidc-provider's own answer).
import { CLIENT_ID_MISMATCH } from '../../src/reference-as/config.js'
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'client-id-mismatch-invalid-request',
  module: import.meta.url,
  description:
    'fapi1-advanced refuses mis-matched client identifiers with invalid_request instead of invalid_client',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['client-id-mismatch-private-key-jwt'],
  },
  // the same answer at PAR to an assertion whose sub is another client: invalid_request where RFC 7523
  // §3.2 has invalid_client for an invalid assertion is a `should` warning
  expectWarnings: {
    'fapi1-advanced': ['par-client-assertion-sub-not-client-id'],
  },
  async middleware(ctx, next) {
    await next()
    const body = ctx.body as { error?: unknown; error_description?: unknown } | undefined
    if (
      ctx.status === 401 &&
      body?.error === 'invalid_client' &&
      body.error_description === CLIENT_ID_MISMATCH
    ) {
      ctx.status = 400
      ctx.remove('WWW-Authenticate')
      ctx.body = { error: 'invalid_request', error_description: 'client_id mismatch' }
    }
  },
})
