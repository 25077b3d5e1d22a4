// Does not use RFC 9449 §11.1's optional single-use check (RFC9449-11.1-2, a may): the resource
// serves a DPoP proof presented a second time. Broken by a middleware (c) that switches off the
// resource's jti store for fapi2-security. dpop-resource-replay ends info, not failed.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { relaxResource } from '../../src/reference-as/resource.js'

export default defineMutant({
  id: 'dpop-resource-forgets-jti',
  module: import.meta.url,
  description: 'the fapi2-security resource accepts a DPoP proof more than once',
  profiles: ['fapi2-security'],
  expectFailures: {},
  expectInfo: {
    'fapi2-security': ['dpop-resource-replay'],
  },
  middleware: relaxResource('jti'),
})
