// FAPI 2.0 §5.3.2.1-5: authorization servers "shall use one of the following methods for
// sender-constrained access tokens: MTLS as described in [@!RFC8705], DPoP as described in
// [@!RFC9449];" and §5.3.4-5: resource servers "shall support and verify sender-constrained access
// tokens using one or both of the following methods". This fapi2-security server binds with DPoP
// only: no certificate-bound tokens (tls_client_certificate_bound_access_tokens is not advertised),
// and every client registers dpop_bound_access_tokens (the reference AS's FAPI 2 registration
// policy: with certificate-bound tokens switched off, only the DPoP flag binds). Mutual-TLS client authentication is still
// offered (§5.3.2.1-6 is about authentication, not binding). A correct client of this server binds
// every token with DPoP (flow.ts dpopPreferred). Built by configuration (a).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-only',
  module: import.meta.url,
  description: 'fapi2-security binds tokens with DPoP only (no certificate-bound tokens)',
  why: 'FAPI 2.0 §5.3.2.1-5: "shall use one of the following methods for sender-constrained access tokens: MTLS as described in [@!RFC8705], DPoP as described in [@!RFC9449];"',
  profiles: ['fapi2-security'],
  expectFailures: {},
  configure(config) {
    config.features.mTLS = { ...config.features.mTLS, certificateBoundAccessTokens: false }
  },
})
