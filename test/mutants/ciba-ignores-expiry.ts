// Violates CIBA Core §11 (CIBA-11-3): a poll for an auth_req_id past its expires_in is answered
// expired_token ("The auth_req_id has expired. The Client will need to make a new Authentication
// Request."). Broken by patching the provider (b): a backchannel authentication request never
// counts as expired, so an approved one still yields tokens after its expires_in (until the
// storage drops it).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-ignores-expiry',
  module: import.meta.url,
  description: 'ciba issues tokens for an auth_req_id past its expires_in instead of expired_token',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-poll-expired-token'],
  },
  patchProvider(provider) {
    Object.defineProperty(provider.BackchannelAuthenticationRequest.prototype, 'isExpired', {
      get: () => false,
      configurable: true,
    })
  },
})
