/**
 * Alternative-correct servers: the reference AS changed in ways the specifications ALLOW (one
 * choice per file, test/alternatives/<id>.ts, the clause quoted at its top). Against each, the
 * harness must fail nothing, decide everything (no `error`), and never pass a module on a
 * refusal at registration it cannot attribute (test/self/alternatives.test.ts). Where an
 * alternative hides a broken rule, the isolation mutants in test/mutants prove the rule is still
 * caught; they reuse the policies exported here (e.g. `requireRedirectUris`, `requireScope`).
 */
import type { Mutant } from '../../src/reference-as/mutant.js'
import allAuthFailures401 from './all-auth-failures-401.js'
import dpopNonce from './dpop-nonce.js'
import dpopOnly from './dpop-only.js'
import issuerOnlyAud from './issuer-only-aud.js'
import noClientCredentials from './no-client-credentials.js'
import noIntrospection from './no-introspection.js'
import replacesNone from './replaces-none.js'
import requiresRedirectUris from './requires-redirect-uris.js'
import requiresScope from './requires-scope.js'
import subjectDnOnly from './subject-dn-only.js'
import twoMethods401 from './two-methods-401.js'
import shortCodeLifetime from './short-code-lifetime.js'

export { requireRedirectUris } from './requires-redirect-uris.js'
export { configureScope, requireScope, REQUIRED_SCOPE } from './requires-scope.js'

/**
 * A server that behaves differently from the reference AS and is still correct: `expectFailures`
 * is empty, `config` holds extra target.yaml lines (e.g. `scope: accounts`), `why` quotes the
 * sentence of the specification that allows the behaviour.
 */
export type Alternative = Mutant & { config?: string; why: string }

export const ALTERNATIVES: readonly Alternative[] = [
  requiresRedirectUris,
  requiresScope,
  noClientCredentials,
  issuerOnlyAud,
  twoMethods401,
  subjectDnOnly,
  noIntrospection,
  replacesNone,
  allAuthFailures401,
  dpopNonce,
  dpopOnly,
  shortCodeLifetime,
]

export function alternativeById(id: string): Alternative {
  const a = ALTERNATIVES.find((x) => x.id === id)
  if (!a) throw new Error(`unknown alternative: ${id}`)
  return a
}
