// Violates RFC 7523 §3 item 3 (RFC7523-3-3): the AS must reject an assertion whose aud does not
// identify it; and, under FAPI 2.0 Security Profile §5.3.2.1-8, any aud other than the issuer
// identifier as a single string. Broken by patching the provider (b): the expected-audience set
// contains everything, and the FAPI 2.0 aud === issuer hook (configuration, a) is emptied.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-any-aud',
  module: import.meta.url,
  description: 'accepts client assertions whatever their aud',
  profiles: ['oauth2', 'fapi2-security'],
  expectFailures: {
    oauth2: [
      'client-assertion-aud-other-server',
      'client-secret-jwt-aud-other-server',
      'endpoint-revocation-client-assertion-aud-other-server',
      'endpoint-device-client-assertion-aud-other-server',
      'endpoint-par-client-assertion-aud-other-server',
    ],
    'fapi2-security': [
      'client-assertion-aud-token-endpoint',
      'client-assertion-aud-issuer-in-array',
      'client-assertion-aud-other-server',
      'par-client-assertion-aud-token-endpoint',
      'par-client-assertion-aud-par-endpoint',
      'endpoint-revocation-client-assertion-aud-other-server',
      'endpoint-device-client-assertion-aud-other-server',
      'endpoint-par-client-assertion-aud-other-server',
    ],
  },
  configure(config) {
    config.assertJwtClientAuthClaimsAndHeader = async () => {}
  },
  patchProvider(provider) {
    provider.OIDCContext.prototype.clientJwtAuthExpectedAudience = () => ({ has: () => true })
  },
})
