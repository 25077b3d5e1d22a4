// Violates RFC 8705 §2.1 (RFC8705-2.1, RFC8705-2): tls_client_auth trusts a certificate only when
// its chain validates to a trusted CA (and it is within its validity). Broken by configuration (a):
// features.mTLS.certificateAuthorized says yes to any presented certificate, so a certificate from
// an impostor CA or an expired one authenticates as long as its subject matches. (Once the reference
// AS refuses RSA-1024 client certificates in certificateAuthorized, this also lets those through.)
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'mtls-accepts-any-certificate',
  module: import.meta.url,
  description:
    'fapi1-advanced accepts any client certificate for tls_client_auth (no chain or validity check)',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'mtls-tls-client-auth-other-ca',
      'mtls-tls-client-auth-expired-certificate',
      'mtls-tls-client-auth-rsa-1024',
    ],
  },
  configure(config) {
    config.features.mTLS.certificateAuthorized = () => true
  },
})
