import { defineMutator } from '../client/auth/assertion.js'

/** Overwrites a claim of the assertion, e.g. `iss` or `sub` with something other than the client_id. */
export const setClaim = (claim: string, value: unknown) =>
  defineMutator(`set-claim(${claim})`, (d) => {
    d.payload[claim] = value
  })
