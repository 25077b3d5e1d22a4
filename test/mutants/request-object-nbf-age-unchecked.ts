// Violates FAPI 1.0 Part 2 §5.2.2-17 (FAPI1-ADV-5.2.2-17): "shall require the request object to
// contain an nbf claim that is no longer than 60 minutes in the past". Broken by editing the
// configuration (a): the reference AS's claim check measures a request object from its iat instead
// of its nbf (where it has both), so an nbf 65 minutes old goes unseen, and the lifetime bound of
// item 13 is taken as exp - iat (a request object valid 65 minutes from iat = nbf is still refused).
import { defineMutant, wrapRequestObjectClaimCheck } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-nbf-age-unchecked',
  module: import.meta.url,
  description:
    'fapi1-advanced accepts a request object whose nbf lies more than 60 minutes in the past (it checks iat instead)',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-nbf-over-60-minutes-old'] },
  configure: (config) =>
    wrapRequestObjectClaimCheck(
      config,
      (original) =>
        (ctx, claims, ...rest) =>
          original(
            ctx,
            claims.nbf !== undefined && typeof claims.iat === 'number'
              ? { ...claims, nbf: claims.iat }
              : claims,
            ...rest,
          ),
    ),
})
