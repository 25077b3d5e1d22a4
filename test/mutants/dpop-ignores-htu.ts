// Violates RFC 9449 §4.3 item 9 (RFC9449-4.3): htu must match the token endpoint. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-ignores-htu',
  module: import.meta.url,
  description: 'fapi2-security accepts DPoP proofs made for another URI at the token endpoint',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-wrong-htu'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check) {
    return check === 'dpop-htu'
  },
})
