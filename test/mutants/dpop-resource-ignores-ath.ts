// Violates RFC 9449 §4.3 item 12 and §7 (RFC9449-4.3, RFC9449-7.1): ath must be the hash of the presented access token. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'ath' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-ignores-ath',
  module: import.meta.url,
  description: 'the fapi2-security resource does not check the ath of DPoP proofs',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-wrong-ath'],
  },
  middleware: relaxResource('ath'),
})
