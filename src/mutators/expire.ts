import { defineMutator } from '../client/auth/assertion.js'

/**
 * Makes the JWT expired `seconds` ago (issued a minute before that, and valid from then where it
 * carries nbf, so exp still lies after nbf), beyond any sane clock skew.
 */
export const expire = (seconds = 600) =>
  defineMutator(`expire(${seconds}s ago)`, (d, ctx) => {
    d.payload.iat = ctx.now - seconds - 60
    if (d.payload.nbf !== undefined) d.payload.nbf = d.payload.iat
    d.payload.exp = ctx.now - seconds
  })
