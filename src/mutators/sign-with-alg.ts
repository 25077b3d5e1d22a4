import { defineMutator } from '../client/auth/assertion.js'
import type { JwsAlg } from '../suite/profile.js'

/** Signs with the registered key but another JWS algorithm (e.g. RS256 where FAPI demands PS256). */
export const signWithAlg = (alg: Exclude<JwsAlg, 'none' | 'HS256' | 'HS384' | 'HS512'>) =>
  defineMutator(`sign-with-alg(${alg})`, (d) => {
    if (d.signer.mode !== 'key') throw new TypeError('sign-with-alg needs a key signer')
    d.signer = { ...d.signer, alg }
  })
