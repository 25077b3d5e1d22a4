// Violates FAPI 1.0 Part 2 §5.2.2-13 (FAPI1-ADV-5.2.2-13): "... an exp claim that has a lifetime
// of no longer than 60 minutes after the nbf claim". Broken by editing the configuration (a): the
// reference AS's claim check no longer bounds exp - nbf (exp must still lie after nbf).
import { defineMutant, wrapRequestObjectClaimCheck } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-accepts-long-lived',
  module: import.meta.url,
  description:
    'fapi1-advanced accepts a request object whose exp lies more than 60 minutes after its nbf',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-lifetime-over-60-minutes'] },
  configure: (config) =>
    wrapRequestObjectClaimCheck(
      config,
      (original) =>
        (ctx, claims, ...rest) =>
          original(
            ctx,
            typeof claims.exp === 'number' &&
              typeof claims.nbf === 'number' &&
              claims.exp > claims.nbf
              ? { ...claims, exp: Math.min(claims.exp, claims.nbf + 60) }
              : claims,
            ...rest,
          ),
    ),
})
