import { defineMutator } from '../client/auth/assertion.js'
import type { KeyPair } from '../crypto/keys.js'

/** Signs with a key the client never registered; the header names that key's kid. */
export const signWithKey = (key: KeyPair) =>
  defineMutator(`sign-with-key(${key.kind}, unregistered)`, (d) => {
    if (d.signer.mode !== 'key') throw new TypeError('sign-with-key needs a key signer')
    d.signer = { ...d.signer, key }
    d.header.kid = key.kid
  })
