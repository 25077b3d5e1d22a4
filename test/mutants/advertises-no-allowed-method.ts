// Violates RFC 8414 §2 (RFC8414-2) as FAPI 1.0 Advanced §5.2.2-14 restricts it: at least one token
// endpoint authentication method the profile allows (private_key_jwt, tls_client_auth,
// self_signed_tls_client_auth) must be on offer, or no FAPI client could authenticate. Broken by a
// middleware (c): discovery lists only client_secret_basic, while the token endpoint keeps
// accepting (and refusing) exactly what it did before. The client authentication modules become
// not applicable (no allowed method is advertised); listing client_secret_basic is itself only a
// warning (discovery-auth-methods-within-profile), and mtls-metadata-auth-methods warns: the
// mutual-TLS methods are no longer listed (graded may; once grade() reports a missed may as info
// rather than warning, that module leaves expectWarnings).
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'advertises-no-allowed-method',
  module: import.meta.url,
  description: 'fapi1-advanced discovery advertises only client_secret_basic',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['discovery-auth-methods-include-allowed'],
  },
  expectWarnings: {
    'fapi1-advanced': ['discovery-auth-methods-within-profile'],
  },
  // the mTLS methods are a `may`: a server that does not offer them is informational
  expectInfo: {
    'fapi1-advanced': ['mtls-metadata-auth-methods'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.token_endpoint_auth_methods_supported = ['client_secret_basic']
  }),
})
