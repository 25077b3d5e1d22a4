import { defineMutator } from '../client/auth/assertion.js'

/**
 * Dates the assertion `seconds` ahead of the client clock: iat and nbf = now + seconds, exp a
 * minute after that (so it is not also expired before it is valid). FAPI 2.0 §5.3.2.1-13 bounds
 * the clock offset a server accepts.
 */
export const issueInFuture = (seconds: number) =>
  defineMutator(`issue-in-future(+${seconds}s)`, (d, ctx) => {
    d.payload.iat = ctx.now + seconds
    d.payload.nbf = ctx.now + seconds
    d.payload.exp = ctx.now + seconds + 60
  })
