// Violates RFC 9126 §2 (RFC9126-2): "The rules for client authentication as defined in [RFC6749]
// for token endpoint requests, including the applicable authentication methods, apply for the PAR
// endpoint as well." Broken by a middleware (c): the PAR endpoint answers every request without a
// client_assertion with 401 invalid_client, so the mutual-TLS methods the profile allows (and the
// token endpoint accepts) fail there; private_key_jwt still works.
import { defineMutant, readForm, respondWithError } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-refuses-mtls-client-auth',
  module: import.meta.url,
  description:
    'fapi1-advanced refuses tls_client_auth and self_signed_tls_client_auth at the pushed authorization request endpoint',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'endpoint-par-auth-method-tls-client-auth',
      'endpoint-par-auth-method-self-signed-tls-client-auth',
    ],
  },
  async middleware(ctx, next) {
    if (ctx.path === '/request' && ctx.method === 'POST') {
      const form = await readForm(ctx)
      if (form && !form.has('client_assertion'))
        return respondWithError(ctx, 401, 'invalid_client', 'client authentication failed')
    }
    return next()
  },
})
