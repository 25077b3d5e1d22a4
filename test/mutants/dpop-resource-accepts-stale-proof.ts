// Violates RFC 9449 §11.1 (RFC9449-11.1): proofs are accepted only for a limited time after their creation. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'iat' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-accepts-stale-proof',
  module: import.meta.url,
  description: 'the fapi2-security resource accepts DPoP proofs of any age',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-stale-iat'],
  },
  middleware: relaxResource('iat'),
})
