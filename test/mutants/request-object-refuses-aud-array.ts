// Violates FAPI 1.0 Part 2 §5.2.2-15 (FAPI1-ADV-5.2.2-15): the aud of a request object may "be,
// or ... be an array containing," the issuer identifier. Broken by editing the configuration (a):
// the reference AS's claim check refuses an aud array (invalid_request_object) before its own rules.
import { defineMutant, wrapRequestObjectClaimCheck } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-refuses-aud-array',
  module: import.meta.url,
  description: 'fapi1-advanced refuses a request object whose aud is an array holding the issuer',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-aud-issuer-in-array'] },
  configure: (config) =>
    wrapRequestObjectClaimCheck(config, (original) => async (ctx, claims, ...rest) => {
      if (Array.isArray(claims.aud)) {
        const { InvalidRequestObject } = (await import('oidc-provider')).errors as Record<
          string,
          new (description: string) => Error
        >
        throw new InvalidRequestObject!('Request Object aud must be a single string')
      }
      return original(ctx, claims, ...rest)
    }),
})
