// Violates FAPI 1.0 Part 2 §5.2.2-17 (FAPI1-ADV-5.2.2-17): "shall require the request object to
// contain an nbf claim ...". Broken by editing the configuration (a): the reference AS's claim
// check judges a request object without nbf as if it were valid from a minute before its exp.
import { defineMutant, wrapRequestObjectClaimCheck } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'request-object-accepts-missing-nbf',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a request object without nbf',
  profiles: ['fapi1-advanced'],
  expectFailures: { 'fapi1-advanced': ['request-object-missing-nbf'] },
  configure: (config) =>
    wrapRequestObjectClaimCheck(
      config,
      (original) =>
        (ctx, claims, ...rest) =>
          original(
            ctx,
            claims.nbf === undefined ? { ...claims, nbf: Number(claims.exp) - 60 } : claims,
            ...rest,
          ),
    ),
})
