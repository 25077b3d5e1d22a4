// Violates RFC 6749 §3.2.1 (RFC6749-3.2.1): confidential clients MUST authenticate at the token endpoint. Broken by patching the provider (b): at the token route, a request with a
// client_id and no credentials is treated as coming from a public client and accepted.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'unauthenticated-token-request',
  module: import.meta.url,
  description: 'oidc accepts token requests without client authentication',
  profiles: ['oidc'],
  expectFailures: {
    // A mutual-TLS request carries its credential in the handshake, not in a header or parameter:
    // treated as public, every refused certificate is accepted too.
    oidc: [
      'endpoint-requires-client-auth-token',
      'mtls-self-signed-other-certificate',
      'mtls-tls-client-auth-expired-certificate',
      'mtls-tls-client-auth-no-certificate',
      'mtls-tls-client-auth-other-ca',
      'mtls-tls-client-auth-san-mismatch',
      'mtls-tls-client-auth-subject-mismatch',
      'client-id-mismatch-tls-client-auth',
      'client-id-mismatch-self-signed-tls-client-auth',
    ],
  },
  patchProvider: acceptUnauthenticatedAt('token'),
})
