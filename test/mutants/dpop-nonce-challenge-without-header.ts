// Violates RFC 9449 §8 (RFC9449-8-3): "The authorization server includes a DPoP-Nonce HTTP header in
// the response supplying a nonce value to be used when sending the subsequent request." The
// alternative-correct server dpop-nonce (configuration (a)) behind a middleware (c) that drops the
// DPoP-Nonce header of a use_dpop_nonce answer once the proof's key has been issued a token: its
// first challenge supplies the nonce, later ones leave the client without one.
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose'
import { configureDpopNonce } from '../alternatives/dpop-nonce.js'
import { defineMutant, type KoaContext, type Next } from '../../src/reference-as/mutant.js'

async function jktOf(proof: string | undefined): Promise<string | undefined> {
  try {
    const jwk = proof ? (decodeProtectedHeader(proof).jwk as JWK | undefined) : undefined
    return jwk ? await calculateJwkThumbprint(jwk) : undefined
  } catch {
    return undefined
  }
}

export default defineMutant({
  id: 'dpop-nonce-challenge-without-header',
  module: import.meta.url,
  description:
    'fapi2-security answers use_dpop_nonce without a DPoP-Nonce header to a key it already issued a token to',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-proof-nonce-missing'],
  },
  configure: configureDpopNonce,
  // the keys (JWK thumbprints of fresh client keys) this server issued a token to
  middleware: (() => {
    const served = new Set<string>()
    return async (ctx: KoaContext, next: Next) => {
      if (ctx.method !== 'POST' || ctx.path !== '/token') {
        await next()
        return
      }
      const jkt = await jktOf(ctx.get('dpop') || undefined)
      await next()
      if (!jkt) return
      if (ctx.status === 200) served.add(jkt)
      else if (
        ctx.status === 400 &&
        ctx.body &&
        typeof ctx.body === 'object' &&
        ctx.body.error === 'use_dpop_nonce' &&
        served.has(jkt)
      )
        ctx.remove('dpop-nonce')
    }
  })(),
})
