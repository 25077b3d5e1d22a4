// Violates RFC 9449 §4.3 item 4 (RFC9449-4.3): typ must be dpop+jwt. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-accepts-wrong-typ',
  module: import.meta.url,
  description: 'fapi2-security accepts DPoP proofs that are not typed dpop+jwt',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-wrong-typ'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check, info) {
    return check === 'dpop-verify' && info.header?.typ !== 'dpop+jwt'
  },
})
