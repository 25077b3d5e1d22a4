import { defineMutator } from '../client/auth/assertion.js'

/** MACs a client_secret_jwt assertion with a secret that is not the client's (same alg). */
export const signWithSecret = (secret: string) =>
  defineMutator('sign-with-secret(not the client secret)', (d) => {
    if (d.signer.mode !== 'secret') throw new TypeError('sign-with-secret needs a secret signer')
    d.signer = { ...d.signer, secret }
  })
