// Violates OpenID Connect Core §9 (OIDCC-9): the jti of a client assertion is single-use, so a
// replayed assertion must be refused (RFC 7523 §3 item 7 makes this a MAY for plain OAuth).
// Broken by patching the provider (b): the replay cache says every (iss, jti) is new.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'forgets-jti',
  module: import.meta.url,
  description: 'oidc accepts a replayed client assertion (no jti replay detection)',
  profiles: ['oidc'],
  expectFailures: {
    // client_secret_jwt assertions go through the same replay cache, and so do those at the PAR endpoint
    oidc: [
      'client-assertion-jti-replay',
      'client-secret-jwt-replay',
      'endpoint-revocation-client-assertion-jti-replay',
      'endpoint-device-client-assertion-jti-replay',
      'endpoint-par-client-assertion-jti-replay',
    ],
  },
  patchProvider(provider) {
    provider.ReplayDetection.unique = async () => true
  },
})
