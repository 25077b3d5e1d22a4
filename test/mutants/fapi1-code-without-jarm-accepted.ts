// Violates FAPI 1.0 Part 2 §5.2.2-2 (FAPI1-ADV-5.2.2-2): "shall require the response_type value
// code id_token or the response_type value code in conjunction with the response_mode value jwt".
// Broken by patching the provider (b): the client's response_mode check no longer applies
// oidc-provider's FAPI 1.0 rule, so response_type code with the default query response mode is
// accepted from a client registered for response type code.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'fapi1-code-without-jarm-accepted',
  module: import.meta.url,
  description: 'fapi1-advanced accepts response_type code without response_mode jwt',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['response-type-code-without-jarm-refused'] },
  patchProvider(provider) {
    const original = provider.Client.prototype.responseModeAllowed
    provider.Client.prototype.responseModeAllowed = function responseModeAllowed(
      this: unknown,
      mode: string,
      type: string,
    ) {
      return original.call(this, mode, type, undefined)
    }
  },
})
