// Violates RFC 9449 §4.3 item 8 (RFC9449-4.3): htm must match the request method. Broken by a source patch (d) of oidc-provider's DPoP proof validation
// (RELAX_DPOP, src/reference-as/patches.ts), relaxed for fapi2-security token requests only.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_DPOP } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'dpop-ignores-htm',
  module: import.meta.url,
  description:
    'fapi2-security accepts DPoP proofs made for another HTTP method at the token endpoint',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-wrong-htm'],
  },
  sourcePatches: RELAX_DPOP,
  relax(check) {
    return check === 'dpop-htm'
  },
})
