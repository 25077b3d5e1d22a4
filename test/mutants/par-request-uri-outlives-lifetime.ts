// Violates RFC 9126 §4 (RFC9126-4-3): "An expired request_uri MUST be rejected as invalid." Broken
// by patching the provider (b): the PAR responses of this server say its request URIs live 5 s
// (expires_in 5, RFC 9126 §2.2 "the lifetime of the request URI in seconds"; target.yaml says so
// too, as the alternative short-code-lifetime, which passes), but the pushed requests are kept, and
// accepted at the authorization endpoint, for oidc-provider's own lifetime (60 s): a request_uri
// used after its 5 s still starts an authorization that ends in a code.
import { defineMutant } from '../../src/reference-as/mutant.js'
import {
  reportRequestUriLifetime,
  SHORT_REQUEST_URI_LIFETIME_S,
} from '../alternatives/short-code-lifetime.js'

export default defineMutant({
  id: 'par-request-uri-outlives-lifetime',
  module: import.meta.url,
  description: `oauth2 accepts a request_uri after the ${SHORT_REQUEST_URI_LIFETIME_S} s lifetime its PAR response gives`,
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['par-request-uri-expired'],
  },
  config: `par:\n  request_uri_lifetime_s: ${SHORT_REQUEST_URI_LIFETIME_S}\n`,
  patchProvider(provider) {
    reportRequestUriLifetime(provider, SHORT_REQUEST_URI_LIFETIME_S)
  },
})
