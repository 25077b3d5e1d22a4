// Violates RFC 9449 §7.2 (RFC9449-7.2): a DPoP-bound token received as a bearer token must be rejected. Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'bearer-downgrade' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-accepts-bearer',
  module: import.meta.url,
  description: 'the fapi2-security resource serves DPoP-bound tokens presented as bearer tokens',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-bearer-downgrade'],
  },
  middleware: relaxResource('bearer-downgrade'),
})
