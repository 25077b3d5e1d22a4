import { defineCheck, fail, pass } from '../define.js'
import { claimsEvidence, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenTimesInput extends IdTokenResponseInput {
  /** The time the token response was judged, in seconds since the epoch (default: now). */
  now?: number
}

const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * OIDC Core §3.1.3.7 item 9: "The current time MUST be before the time represented by the exp
 * Claim."; §2 item 5: iat is "REQUIRED. Time at which the JWT was issued." (a JSON number).
 */
export default defineCheck<IdTokenTimesInput>({
  id: 'id-token-exp-iat',
  title: 'The ID Token has not expired (exp in the future) and carries iat',
  requirements: ['OIDCC-3.1.3.7-9', 'OIDCC-2-5'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const now = input.now ?? Math.floor(Date.now() / 1000)
    const { exp, iat } = t.claims
    const evidence = { now, ...claimsEvidence(t.claims, ['exp', 'iat']) }
    if (!isNumericDate(exp))
      return fail(
        exp === undefined
          ? 'the ID Token has no exp claim'
          : `the ID Token's exp is not a number: ${JSON.stringify(exp)}`,
        evidence,
      )
    if (exp <= now)
      return fail(
        `the ID Token had expired when it was received: exp ${exp} is ${now - exp} s before now`,
        evidence,
      )
    if (!isNumericDate(iat))
      return fail(
        iat === undefined
          ? 'the ID Token has no iat claim'
          : `the ID Token's iat is not a number: ${JSON.stringify(iat)}`,
        evidence,
      )
    return pass(`exp ${exp - now} s in the future, iat present`, evidence)
  },
})
