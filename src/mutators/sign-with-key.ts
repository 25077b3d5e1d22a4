import { defineMutator } from '../client/auth/assertion.js'
import type { KeyPair } from '../crypto/keys.js'

/**
 * Signs with a key the client never registered; the header names that key's kid, or with
 * `keepKid` the kid of the client's registered key (so the signature does not verify with the key
 * the header names: an invalid signature).
 */
export const signWithKey = (key: KeyPair, opts: { keepKid?: boolean } = {}) =>
  defineMutator(
    `sign-with-key(${key.kind}, unregistered${opts.keepKid ? ', under the registered kid' : ''})`,
    (d) => {
      if (d.signer.mode !== 'key') throw new TypeError('sign-with-key needs a key signer')
      d.signer = { ...d.signer, key }
      if (!opts.keepKid) d.header.kid = key.kid
    },
  )
