// Violates RFC 9449 §4.3 item 8 (RFC9449-4.3): htm must match the request method. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'htm' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-ignores-htm',
  module: import.meta.url,
  description: 'the fapi2-security resource accepts DPoP proofs made for another HTTP method',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-wrong-htm'],
  },
  middleware: relaxResource('htm'),
})
