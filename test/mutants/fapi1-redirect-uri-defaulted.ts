// Violates FAPI 1.0 Part 1 §5.2.2-9 (FAPI1-BASE-5.2.2-9): "shall require the `redirect_uri` in the
// authorization request". Broken by editing the configuration (a): oidc-provider's
// allowOmittingSingleRegisteredRedirectUri (its default) fills in the one redirect URI a client
// registered when the request, plain or pushed, carries none.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'fapi1-redirect-uri-defaulted',
  module: import.meta.url,
  description:
    'fapi1-baseline fills in the registered redirect URI of an authorization request without redirect_uri',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    'fapi1-baseline': ['authorization-request-without-redirect-uri', 'par-without-redirect-uri'],
  },
  configure(config) {
    config.allowOmittingSingleRegisteredRedirectUri = true
  },
})
