// FAPI 2.0 §5.3.2.1-10: "if using DPoP, may use the server provided nonce mechanism (as defined in
// Section 8 of [@!RFC9449]);" and RFC 9449 §8: "An authorization server MAY supply a nonce value to
// be included by the client in DPoP proofs sent. In this case, the authorization server responds to
// requests that do not include a nonce with an HTTP 400 (Bad Request) error response per Section
// 5.2 of [RFC6749] using use_dpop_nonce as the error code value." This fapi2-security server demands
// a nonce in every DPoP proof at the token endpoint: the harness's client retries once with the
// DPoP-Nonce it was given (FAPI 2.0 §5.3.3.1-8 makes that the client's duty), and the proof
// negatives still reach the check they are about. Built by configuration (a).
import { randomBytes } from 'node:crypto'
import { defineMutant } from '../../src/reference-as/mutant.js'

/** The configuration of a server that supplies and demands DPoP nonces (reused by the mutant dpop-nonce-ignored). */
export function configureDpopNonce(config: Record<string, any>): void {
  config.features.dPoP = {
    ...config.features.dPoP,
    enabled: true,
    nonceSecret: randomBytes(32),
    requireNonce: () => true,
  }
}

export default defineMutant({
  id: 'dpop-nonce',
  module: import.meta.url,
  description: 'fapi2-security demands a server-provided nonce in every DPoP proof',
  why: 'FAPI 2.0 §5.3.2.1-10: "if using DPoP, may use the server provided nonce mechanism (as defined in Section 8 of [@!RFC9449]);"',
  profiles: ['fapi2-security'],
  expectFailures: {},
  configure: configureDpopNonce,
})
