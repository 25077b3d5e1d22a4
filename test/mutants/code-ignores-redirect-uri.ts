// Violates RFC 6749 §4.1.3 (RFC6749-4.1.3-5): the AS MUST "ensure that the "redirect_uri" parameter
// is present if the "redirect_uri" parameter was included in the initial authorization request as
// described in Section 4.1.1, and if included ensure that their values are identical." Broken by a
// patch of the Provider (b): at the token endpoint a code takes the redirect_uri of the token
// request as its own, so any redirect_uri matches (a missing one is still refused by presence).
import { defineMutant, editAuthorizationCodeAtToken } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-ignores-redirect-uri',
  module: import.meta.url,
  description: 'oauth2 exchanges an authorization code whatever redirect_uri the token request names',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['redirect-uri-mismatch-at-token'],
  },
  patchProvider: editAuthorizationCodeAtToken((code, params) => {
    if (typeof params.redirect_uri === 'string') code.redirectUri = params.redirect_uri
  }),
})
