// Violates RFC 7591 §3.2.2 (RFC7591-3.2.2): "When an OAuth 2.0 error condition occurs, such as the
// client presenting an invalid initial access token, the authorization server returns an error
// response appropriate to the OAuth 2.0 token type. When a registration error condition occurs,
// the authorization server returns an HTTP 400 status code (unless otherwise specified) with
// content type "application/json"". Broken by a middleware (c): a refused registration keeps its
// JSON error (invalid_client_metadata) but is answered with HTTP 403. The refusal still names the
// metadata, so the clauses under test pass; its form fails.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'registration-refusal-not-400',
  module: import.meta.url,
  description: 'fapi1-advanced answers a refused registration with 403 instead of 400',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    // every module whose forbidden client is refused at registration, where the twin registered
    'fapi1-advanced': [
      'auth-method-client-secret-basic',
      'auth-method-client-secret-jwt',
      'auth-method-client-secret-post',
      'client-key-rsa-1024',
      'public-client-credentials-grant',
      'public-client-registration',
      'endpoint-revocation-auth-method-client-secret-basic',
      'endpoint-revocation-auth-method-client-secret-post',
      'endpoint-revocation-auth-method-client-secret-jwt',
      'endpoint-par-auth-method-client-secret-basic',
      'endpoint-par-auth-method-client-secret-post',
      'endpoint-par-auth-method-client-secret-jwt',
    ],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.method === 'POST' && ctx.path === '/reg' && ctx.status === 400) ctx.status = 403
  },
})
