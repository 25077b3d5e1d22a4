// Violates FAPI-CIBA ID1 §5.2.2 item 6 (FAPI-CIBA-5.2.2-6): "shall require Backchannel
// Authentication Endpoint requests to be signed as described in [CIBA] 7.1.1". Two rules switch
// off together, so an unsigned request from any client is accepted: the reference AS's own rule
// (the ciba `validateRequestContext` hook, by configuration (a)), and oidc-provider's per-client
// one (a client that registered backchannel_authentication_request_signing_alg must send a
// `request`), by a patch of the provider (b): at the backchannel endpoint, a request without a
// `request` parameter sees its client without the registered alg. Signed requests still work.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-accepts-unsigned-request',
  module: import.meta.url,
  description:
    'fapi-ciba accepts backchannel authentication requests sent as plain form parameters (unsigned)',
  profiles: ['fapi-ciba'],
  expectFailures: {
    'fapi-ciba': ['fapi-ciba-unsigned-request-refused'],
  },
  configure(config) {
    config.features.ciba.validateRequestContext = async () => {}
  },
  patchProvider(provider) {
    const Client = provider.Client
    const find = Client.find.bind(Client)
    Client.find = async (id: string) => {
      const client = await find(id)
      const ctx = provider.constructor.ctx
      if (
        client &&
        ctx?.oidc?.route === 'backchannel_authentication' &&
        ctx.oidc.body?.request === undefined
      ) {
        return Object.create(client, {
          backchannelAuthenticationRequestSigningAlg: { value: undefined },
        })
      }
      return client
    }
  },
})
