// Violates RFC 9126 §7.3 (RFC9126-7.3): "the authorization server SHOULD make the request URIs
// one-time use" (§4: "Authorization servers SHOULD treat request_uri values as one-time use").
// Broken by patching the provider (b): a pushed authorization request is never marked consumed, so
// its request_uri authorizes again until it expires. A should: the module warns.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-request-uri-reusable',
  module: import.meta.url,
  description: 'fapi2-security accepts a request_uri a second time',
  profiles: ['fapi2-security'],
  expectFailures: {},
  expectWarnings: { 'fapi2-security': ['par-request-uri-reused'] },
  patchProvider(provider) {
    provider.PushedAuthorizationRequest.prototype.consume = async function consume() {}
  },
})
