// Violates RFC 6749 §5.2 (RFC6749-5.2): a refused token request is answered with 400 (401 for
// invalid_client) and a registered error code. Broken by a middleware (c): every 400/401 of the
// token endpoint becomes a 500 (the JSON error body is kept).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'server-error-on-refusal',
  module: import.meta.url,
  description: 'fapi1-advanced answers 500 instead of 400/401 when it refuses a token request',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'client-assertion-alg-rs256',
      'client-assertion-hs256-with-public-key',
      'client-assertion-unsigned',
      'client-assertion-aud-other-server',
      'client-assertion-jti-replay',
      'client-assertion-jti-missing',
      'client-assertion-exp-missing',
      'client-assertion-expired',
      'client-assertion-iss-not-client-id',
      'client-assertion-sub-not-client-id',
      'client-assertion-unregistered-key',
      'two-authentication-methods',
      'client-assertion-alg-eddsa',
      'endpoint-requires-client-auth-token',
      'mtls-tls-client-auth-no-certificate',
      'mtls-tls-client-auth-other-ca',
      'mtls-tls-client-auth-subject-mismatch',
      'mtls-tls-client-auth-san-mismatch',
      'mtls-tls-client-auth-expired-certificate',
      'mtls-tls-client-auth-rsa-1024',
      'mtls-self-signed-other-certificate',
      'client-id-mismatch-private-key-jwt',
      'client-id-mismatch-tls-client-auth',
      'client-id-mismatch-self-signed-tls-client-auth',
      // the code negatives of the redirect flows: their refusals at the token endpoint too
      'pkce-wrong-verifier',
      'pkce-missing-verifier',
      'authorization-code-replay',
      // its refresh after the replay is refused with 500 too: the form of that refusal fails
      'authorization-code-replay-revokes-tokens',
      'redirect-uri-mismatch-at-token',
      'code-of-another-client',
    ],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.path === '/token' && (ctx.status === 400 || ctx.status === 401)) ctx.status = 500
  },
})
