// Violates RFC 9449 §6 (RFC9449-6) and §7.1 (RFC9449-7.1): the resource must check that the proof key is the key the token is bound to (cnf.jkt). Broken by a middleware (c) in front of the reference resource: it switches off the
// resource's 'key-binding' check (src/reference-as/resource.ts) for fapi2-security, nothing else.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-ignores-key-binding',
  module: import.meta.url,
  description:
    'the fapi2-security resource serves a DPoP-bound token with a valid proof of any key',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-resource-other-key'],
  },
  middleware: relaxResource('key-binding'),
})
