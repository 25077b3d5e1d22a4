import { HarnessError } from '../../errors.js'
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

/**
 * The secret a client_secret_* method authenticates with: `given` (a negative's wrong secret), else
 * the client's own. A client without one cannot take that step (ERR_STEP_PRECONDITION).
 */
export function clientSecret(req: RequestContext, given?: string): string {
  const s = given ?? req.client.client_secret
  if (s === undefined)
    throw new HarnessError(
      'ERR_STEP_PRECONDITION',
      `client ${req.client.client_id} has no client_secret`,
    )
  return s
}
