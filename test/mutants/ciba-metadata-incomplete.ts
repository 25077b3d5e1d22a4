// Violates CIBA Core §4 (CIBA-4): an OP supporting CIBA publishes
// backchannel_token_delivery_modes_supported (REQUIRED) next to
// backchannel_authentication_endpoint. Broken by a middleware (c): the ciba discovery document
// lacks backchannel_token_delivery_modes_supported; poll and ping keep working.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-metadata-incomplete',
  module: import.meta.url,
  description: 'ciba discovery lacks backchannel_token_delivery_modes_supported',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-discovery-metadata'],
  },
  middleware: rewriteDiscovery((doc) => {
    delete doc.backchannel_token_delivery_modes_supported
  }),
})
