// Violates FAPI 1.0 Part 1 §5.2.2-9 (FAPI1-BASE-5.2.2-9), taken in by Part 2 §5.2.2.0: "shall
// require the redirect_uri in the authorization request". Broken by editing the configuration (a):
// oidc-provider's allowOmittingSingleRegisteredRedirectUri (its default) fills in the one redirect
// URI a client registered when the request carries none.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-redirect-uri-defaulted',
  module: import.meta.url,
  description:
    'fapi1-advanced fills in the registered redirect URI of a request object without redirect_uri',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-without-redirect-uri'] },
  configure(config) {
    config.allowOmittingSingleRegisteredRedirectUri = true
  },
})
