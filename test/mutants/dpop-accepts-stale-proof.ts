// Violates RFC 9449 §11.1 (RFC9449-11.1): proofs are accepted only for a limited time after their creation. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-accepts-stale-proof',
  module: import.meta.url,
  description: 'fapi2-security accepts DPoP proofs of any age at the token endpoint',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-stale-iat'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check) {
    return check === 'dpop-iat'
  },
})
