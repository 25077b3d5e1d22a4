import { audienceValue, defineMutator } from '../client/auth/assertion.js'
import type { AudienceKind } from '../suite/profile.js'

/** Sets the assertion `aud` to one of the values RFC 7523 §3, OIDC Core §9, CIBA §7.1 and FAPI 2.0 discuss, or another server's URL. */
export const setAud = (kind: AudienceKind | 'other_server') =>
  defineMutator(`set-aud(${kind})`, (d, ctx) => {
    d.payload.aud = audienceValue(kind, ctx)
  })
