// Violates CIBA Core §7.1 (CIBA-7.1) and §13 (CIBA-13): the client authenticates at the backchannel
// authentication endpoint with its registered method; no authentication is 401 invalid_client. Broken by patching the provider (b): at the backchannel
// endpoint, a request with a client_id and no credentials sees its client as a public client
// ('none'), so oidc-provider accepts it unauthenticated. The token endpoint is unchanged.
import { acceptUnauthenticatedAt, defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-unauthenticated-backchannel',
  module: import.meta.url,
  description: 'ciba accepts backchannel authentication requests without client authentication',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-backchannel-requires-client-auth'],
  },
  patchProvider: acceptUnauthenticatedAt('backchannel_authentication'),
})
