// Violates RFC 7523 §3 item 4 (RFC7523-3-4) and OpenID Connect Core §9 (OIDCC-9): an assertion
// past its exp must be rejected. Broken by configuration (a): a clock tolerance of ten years.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-expired-assertion',
  module: import.meta.url,
  description: 'oidc accepts expired client assertions (ten-year clock tolerance)',
  profiles: ['oidc'],
  expectFailures: {
    // the clock tolerance holds at the PAR endpoint too (RFC 9126 §2)
    oidc: [
      'client-assertion-expired',
      'client-secret-jwt-expired',
      'endpoint-revocation-client-assertion-expired',
      'endpoint-device-client-assertion-expired',
      'endpoint-par-client-assertion-expired',
    ],
  },
  configure(config) {
    config.clockTolerance = 10 * 365 * 86400
  },
})
