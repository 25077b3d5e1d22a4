// Misses RFC 7523 §3.2 (RFC7523-3.2): "If the client JWT is not valid, ... the authorization
// server constructs an error response as defined in OAuth 2.0 [RFC6749]. The value of the "error"
// parameter MUST be the "invalid_client" error code." Broken by a middleware (c): a token request
// carrying a client_assertion that is refused with invalid_client is answered 400 invalid_request
// instead. The refusal itself is right, so the assertion rules pass; the code is a should-level miss.
import { defineMutant, readForm } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'invalid-request-for-bad-assertion',
  module: import.meta.url,
  description:
    'oidc refuses invalid client assertions with invalid_request instead of invalid_client',
  profiles: ['oidc'],
  expectFailures: {},
  // every refusal of an invalid client assertion (private_key_jwt and client_secret_jwt alike)
  expectWarnings: {
    oidc: [
      'client-assertion-aud-other-server',
      'client-assertion-exp-missing',
      'client-assertion-expired',
      'client-assertion-hs256-with-public-key',
      'client-assertion-iss-not-client-id',
      'client-assertion-jti-missing',
      'client-assertion-jti-replay',
      'client-assertion-sub-not-client-id',
      'client-assertion-unregistered-key',
      'client-assertion-unsigned',
      'client-key-rsa-1024',
      'client-secret-jwt-aud-other-server',
      'client-secret-jwt-expired',
      'client-secret-jwt-replay',
      'client-secret-jwt-wrong-secret',
    ],
  },
  async middleware(ctx, next) {
    const form = ctx.method === 'POST' && ctx.path === '/token' ? await readForm(ctx) : undefined
    await next()
    if (
      form?.has('client_assertion') &&
      ctx.status === 401 &&
      ctx.body?.error === 'invalid_client'
    ) {
      ctx.status = 400
      ctx.body = {
        error: 'invalid_request',
        error_description: 'the client assertion was not accepted',
      }
      ctx.remove('WWW-Authenticate')
    }
  },
})
