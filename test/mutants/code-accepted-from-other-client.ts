// Violates RFC 6749 §4.1.3 (RFC6749-4.1.3-3): the AS MUST "ensure that the authorization code was
// issued to the authenticated confidential client, or if the client is public, ensure that the
// code was issued to "client_id" in the request". Broken by a patch (b) of the Provider: at the
// token endpoint each code (and its grant) is loaded as if it had been issued to the client that
// presents it.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-accepted-from-other-client',
  module: import.meta.url,
  description: 'oauth2 exchanges an authorization code for any client that presents it',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['code-of-another-client'],
  },
  patchProvider(provider) {
    for (const Model of [provider.AuthorizationCode, provider.Grant]) {
      const find = Model.find.bind(Model)
      Model.find = async (...args: unknown[]) => {
        const found = await find(...args)
        const ctx = provider.constructor.ctx
        if (
          found &&
          ctx?.oidc?.route === 'token' &&
          ctx.oidc.params?.grant_type === 'authorization_code' &&
          ctx.oidc.client
        )
          found.clientId = ctx.oidc.client.clientId
        return found
      }
    }
  },
})
