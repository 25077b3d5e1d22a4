// Violates RFC 9449 §4.3 item 9 (RFC9449-4.3): htu must match the request URI. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'htu' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-ignores-htu',
  module: import.meta.url,
  description: 'the fapi2-security resource accepts DPoP proofs made for another URI',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-wrong-htu'],
  },
  middleware: relaxResource('htu'),
})
