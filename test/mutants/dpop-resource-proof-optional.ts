// Violates RFC 9449 §7.1 (RFC9449-7.1): a DPoP proof must accompany a DPoP-bound token. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'proof-required' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-proof-optional',
  module: import.meta.url,
  description:
    'the fapi2-security resource serves DPoP-bound tokens sent with the DPoP scheme but without a proof',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-no-proof'],
  },
  middleware: relaxResource('proof-required'),
})
