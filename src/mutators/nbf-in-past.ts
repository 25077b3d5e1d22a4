import { defineMutator } from '../client/auth/assertion.js'

/**
 * Dates the JWT's nbf `seconds` in the past while it stays unexpired: iat = now, nbf = now -
 * seconds, exp = now + 5 minutes. FAPI 1.0 Part 2 §5.2.2-17 bounds how old nbf may be; such a JWT
 * also lives longer than `seconds` (exp - nbf), so item 13 refuses it too.
 */
export const nbfInPast = (seconds: number) =>
  defineMutator(`nbf-in-past(-${seconds}s)`, (d, ctx) => {
    d.payload.iat = ctx.now
    d.payload.nbf = ctx.now - seconds
    d.payload.exp = ctx.now + 300
  })
