// Violates RFC 8705 §2 / §2.1 (RFC8705-2, RFC8705-2.1): "The authorization server MUST enforce the
// binding between client and certificate" and, for tls_client_auth, "The client is successfully
// authenticated if the subject information in the certificate matches the single expected subject
// configured or registered for that particular client" (§2.1.2 obliges the client to register
// exactly one such value; it is not the server duty broken here). Broken by configuration (a):
// features.mTLS.certificateSubjectMatches always says yes, so any certificate from the trusted CA
// authenticates any tls_client_auth client.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'mtls-ignores-subject-match',
  module: import.meta.url,
  description: 'fapi2-security ignores the registered subject DN / SAN of tls_client_auth clients',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': [
      'mtls-tls-client-auth-subject-mismatch',
      'mtls-tls-client-auth-san-mismatch',
      // client A's certificate comes from the trusted CA too: it now authenticates client B
      'client-id-mismatch-tls-client-auth',
    ],
  },
  configure(config) {
    config.features.mTLS.certificateSubjectMatches = () => true
  },
})
