// Violates RFC 6749 §5.1 (RFC6749-5.1): the authorization server MUST include the HTTP
// "Cache-Control" response header field with a value of "no-store" in any response containing
// tokens. Broken by a middleware (c): successful token endpoint responses lose their
// Cache-Control header (oidc-provider sets no-store; refusals keep it).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'token-response-cacheable',
  module: import.meta.url,
  description: 'oauth2 sends successful token responses without Cache-Control: no-store',
  profiles: ['oauth2'],
  expectFailures: {
    // every module whose judged token request is meant to succeed (and does)
    oauth2: [
      'auth-method-client-secret-basic',
      'auth-method-client-secret-post',
      'auth-method-client-secret-jwt',
      'auth-method-private-key-jwt',
      'auth-method-tls-client-auth',
      'auth-method-self-signed-tls-client-auth',
      'client-assertion-alg-ps256',
      'client-assertion-alg-es256',
      'client-assertion-alg-rs256',
      'client-key-rsa-2048',
      'mtls-tls-client-auth-subject-dn',
      'mtls-tls-client-auth-san-dns',
      'mtls-tls-client-auth-san-uri',
      'mtls-tls-client-auth-san-ip',
      'mtls-tls-client-auth-san-email',
    ],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.path === '/token' && ctx.status === 200) ctx.remove('Cache-Control')
  },
})
