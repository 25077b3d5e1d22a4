// Violates FAPI 1.0 Part 2 §5.2.2-1 (FAPI1-ADV-5.2.2-1): "shall require a JWS signed JWT request
// object passed by value with the request parameter or by reference with the request_uri
// parameter", and RFC 9126 §2.3 (RFC9126-2.3-2): where signed request objects are required the AS
// "MUST refuse any other request with HTTP status code 400 and error code invalid_request". Broken
// by editing the configuration (a): request objects are accepted but no longer required.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-accepts-unsigned-request',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a pushed authorization request without a request object',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['par-request-object-required'],
  },
  configure(config) {
    config.features.requestObjects.requireSignedRequestObject = false
  },
})
