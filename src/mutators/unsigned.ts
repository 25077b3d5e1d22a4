import { defineMutator } from '../client/auth/assertion.js'

/** An unsecured JWT: `alg: none` and an empty signature (RFC 7519 §6). */
export const unsigned = () =>
  defineMutator('unsigned(alg=none)', (d) => {
    d.signer = { mode: 'none' }
    delete d.header.kid
  })
