// Violates FAPI 2.0 Security Profile §5.3.2.2-1 (FAPI2-SP-FINAL-5.3.2.2-1): "shall require the
// value of response_type described in [RFC6749] to be code". Broken by a middleware (c): a pushed
// authorization request for response_type token is processed as one for code (the response_type
// form parameter is rewritten before oidc-provider reads the form), so it gets a request_uri.
import { defineMutant, rewritePushedForm } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'fapi2-par-treats-token-as-code',
  module: import.meta.url,
  description:
    'fapi2-security accepts a pushed authorization request for response_type token (as one for code)',
  profiles: ['fapi2-security'],
  expectFailures: { 'fapi2-security': ['response-type-token-refused'] },
  middleware: rewritePushedForm((form) => {
    if (form.get('response_type') !== 'token') return false
    form.set('response_type', 'code')
    return true
  }),
})
