// Violates RFC 8628 §3.1 (RFC8628-3.1) with OpenID Connect Core §9 (OIDCC-9): the device
// authorization endpoint applies the token endpoint's client authentication rules, and there a
// client assertion's jti is single-use. Broken by patching the provider (b): at the
// device_authorization route only, the replay cache says every (iss, jti) is new; the token
// endpoint, PAR and revocation keep detecting replays.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'device-forgets-jti',
  module: import.meta.url,
  description: 'oidc accepts a replayed client assertion at the device authorization endpoint',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['endpoint-device-client-assertion-jti-replay'],
  },
  patchProvider(provider) {
    const unique = provider.ReplayDetection.unique.bind(provider.ReplayDetection)
    provider.ReplayDetection.unique = async (...args: unknown[]) =>
      provider.constructor.ctx?.oidc?.route === 'device_authorization' ? true : unique(...args)
  },
})
