import type { ClientIdentity } from '../../http/agents.js'
import type { AudienceKind } from '../../suite/profile.js'
import type { AssertionContext } from './assertion.js'
import type { DpopVariation } from '../dpop.js'

/** The outgoing request as a client-auth strategy sees it: it adds to body, headers or TLS identity. */
export interface RequestContext extends AssertionContext {
  body: URLSearchParams
  headers: Record<string, string>
  identity?: ClientIdentity
  /** The `aud` a well-behaved client uses for this profile and endpoint. */
  audience: AudienceKind
  /** For a client that binds with DPoP: the one change its proof carries (a negative), see DpopProofVariation. */
  dpop?: DpopVariation
}

/**
 * A client authentication method as a function that decorates the request (openid-client style).
 * `method` is the wire name from the IANA registry; `label` says how it was configured.
 */
export type ClientAuth = ((req: RequestContext) => Promise<void>) & {
  method: string
  label: string
}

export function defineAuth(
  method: string,
  label: string,
  fn: (req: RequestContext) => Promise<void>,
): ClientAuth {
  return Object.assign(fn, { method, label })
}
