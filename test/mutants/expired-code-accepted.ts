// Violates RFC 6749 §10.5 (RFC6749-10.5-2): "Authorization codes MUST be short lived and
// single-use." (§4.1.2: "The authorization code MUST expire shortly after it is issued"). Broken by
// configuration (a) and a patch (b): the codes of this server are said to live 5 s (ttl and
// target.yaml, as the alternative short-code-lifetime, which passes), but at the token endpoint a
// code past its lifetime is loaded as if it had not expired, so it still buys tokens.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { SHORT_CODE_LIFETIME_S } from '../alternatives/short-code-lifetime.js'

export default defineMutant({
  id: 'expired-code-accepted',
  module: import.meta.url,
  description: `oauth2 exchanges an authorization code after its ${SHORT_CODE_LIFETIME_S} s lifetime`,
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['authorization-code-expired'],
  },
  config: `authorization_code:\n  lifetime_s: ${SHORT_CODE_LIFETIME_S}\n`,
  configure(config) {
    config.ttl.AuthorizationCode = SHORT_CODE_LIFETIME_S
  },
  patchProvider(provider) {
    const Model = provider.AuthorizationCode
    const find = Model.find.bind(Model)
    Model.find = async (...args: unknown[]) => {
      const code = await find(...args)
      const ctx = provider.constructor.ctx
      if (code && ctx?.oidc?.route === 'token')
        Object.defineProperty(code, 'isExpired', { value: false })
      return code
    }
  },
})
