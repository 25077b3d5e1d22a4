import { defineMutator } from '../client/auth/assertion.js'

/** Makes the assertion expired `seconds` ago (issued a minute before that), beyond any sane clock skew. */
export const expire = (seconds = 600) =>
  defineMutator(`expire(${seconds}s ago)`, (d, ctx) => {
    d.payload.iat = ctx.now - seconds - 60
    d.payload.exp = ctx.now - seconds
  })
