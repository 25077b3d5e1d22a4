import { defineMutator } from '../client/auth/assertion.js'

/** Removes a claim from the assertion (`jti`, `exp`, ...). */
export const dropClaim = (claim: string) =>
  defineMutator(`drop-claim(${claim})`, (d) => {
    delete d.payload[claim]
  })
