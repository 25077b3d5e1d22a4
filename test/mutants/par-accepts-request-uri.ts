// Violates RFC 9126 §2.1 (RFC9126-2.1-2): the AS MUST "Reject the request if the "request_uri"
// authorization request parameter is provided." Broken by a middleware (c): a request_uri form
// parameter of a pushed authorization request is dropped before oidc-provider reads the form, so
// the rest of the request is processed as if it were not there.
import { defineMutant, rewritePushedForm } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-accepts-request-uri',
  module: import.meta.url,
  description:
    'oauth2 and fapi1-advanced accept a pushed authorization request that carries a request_uri (ignoring it)',
  profiles: ['oauth2', 'fapi1-advanced'],
  expectFailures: {
    oauth2: ['par-request-uri-refused'],
    'fapi1-advanced': ['par-request-uri-refused'],
  },
  middleware: rewritePushedForm((form) => {
    if (!form.has('request_uri')) return false
    form.delete('request_uri')
    return true
  }),
})
