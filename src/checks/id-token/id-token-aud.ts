import { defineCheck, fail, pass } from '../define.js'
import { claimsEvidence, readIdToken, type IdTokenResponseInput } from './id-token.js'

export interface IdTokenAudInput extends IdTokenResponseInput {
  /** The client the ID Token was issued to. */
  clientId: string
}

/**
 * OIDC Core §2 item 3: aud "MUST contain the OAuth 2.0 client_id of the Relying Party as an
 * audience value"; §3.1.3.7 item 3: "The ID Token MUST be rejected if the ID Token does not list
 * the Client as a valid audience".
 */
export default defineCheck<IdTokenAudInput>({
  id: 'id-token-aud',
  title: 'The aud of the ID Token contains the client_id of the client it was issued to',
  requirements: ['OIDCC-3.1.3.7-3', 'OIDCC-2-3'],
  evaluate(input) {
    const t = readIdToken(input)
    if (!t.ok) return t.verdict
    const aud = t.claims.aud
    const evidence = { client_id: input.clientId, ...claimsEvidence(t.claims, ['aud', 'azp']) }
    if (aud === undefined) return fail('the ID Token has no aud claim', evidence)
    const list = Array.isArray(aud) ? aud : [aud]
    if (!list.includes(input.clientId))
      return fail(
        `the ID Token's aud ${JSON.stringify(aud)} does not contain the client_id ${JSON.stringify(input.clientId)}`,
        evidence,
      )
    return pass(
      Array.isArray(aud)
        ? `aud lists the client_id among ${aud.length} audience(s)`
        : 'aud is the client_id',
      evidence,
    )
  },
})
