// Violates RFC 9126 §2 (RFC9126-2): confidential clients MUST authenticate at the PAR endpoint as at the token endpoint. Broken by patching the provider (b): at the pushed_authorization_request route, a request with a
// client_id and no credentials is treated as coming from a public client and accepted.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'unauthenticated-par',
  module: import.meta.url,
  description:
    'fapi1-advanced accepts pushed_authorization_request requests without client authentication',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['endpoint-requires-client-auth-par'],
  },
  // A mutual-TLS request carries its credential in the handshake, not in a header or parameter:
  // its client is made public too, and oidc-provider answers that pushed request with HTTP 500,
  // which decides nothing where acceptance was due (attempt-accepted): those results are errors.
  expectErrors: {
    'fapi1-advanced': [
      'endpoint-par-auth-method-self-signed-tls-client-auth',
      'endpoint-par-auth-method-tls-client-auth',
    ],
  },
  patchProvider: acceptUnauthenticatedAt('pushed_authorization_request'),
})
