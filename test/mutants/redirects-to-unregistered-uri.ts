// Violates RFC 6749 §4.1.2.1 (RFC6749-4.1.2.1-1): "If the request fails due to a missing, invalid,
// or mismatching redirection URI, [...] the authorization server SHOULD inform the resource owner
// of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
// Broken by a patch (b) of the Client model: every redirect_uri counts as registered, so the AS
// sends the browser (after login and consent) to whatever URI the request names.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'redirects-to-unregistered-uri',
  module: import.meta.url,
  description:
    'oauth2 redirects to any redirect_uri an authorization request names, registered or not',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['redirect-uri-not-registered'],
  },
  patchProvider(provider) {
    provider.Client.prototype.redirectUriAllowed = () => true
  },
})
