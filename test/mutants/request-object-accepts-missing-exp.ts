// Violates FAPI 1.0 Part 2 §5.2.2-13 (FAPI1-ADV-5.2.2-13): "shall require the request object to
// contain an exp claim ...". Broken by editing the configuration (a): the reference AS's claim
// check judges a request object without exp as if it expired a minute after its nbf.
import { defineMutant, wrapRequestObjectClaimCheck } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-accepts-missing-exp',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a request object without exp',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-missing-exp'] },
  configure: (config) =>
    wrapRequestObjectClaimCheck(
      config,
      (original) =>
        (ctx, claims, ...rest) =>
          original(
            ctx,
            claims.exp === undefined ? { ...claims, exp: Number(claims.nbf) + 60 } : claims,
            ...rest,
          ),
    ),
})
