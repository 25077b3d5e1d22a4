import { defineMutator } from '../client/auth/assertion.js'

/** Algorithm confusion (RFC 8725 §2.1): HS256 keyed with the client's public key, which anyone can read. */
export const hmacWithPublicKey = () =>
  defineMutator('hmac-with-public-key(HS256)', (d) => {
    if (d.signer.mode !== 'key') throw new TypeError('hmac-with-public-key needs a key signer')
    d.signer = { mode: 'hmac-public-key', key: d.signer.key, alg: 'HS256' }
  })
