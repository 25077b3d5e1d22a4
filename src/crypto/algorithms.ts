import type { JwsAlg } from '../suite/profile.js'

/** Everything the harness needs to know about one JWS alg, in one table (RFC 7518 §3.1). */
export interface AlgDescriptor {
  kty: 'RSA' | 'EC' | 'OKP' | 'oct' | 'none'
  crv?: 'P-256' | 'P-384' | 'P-521' | 'Ed25519'
  hash?: 'sha256' | 'sha384' | 'sha512'
  /** RSA padding: PKCS#1 v1.5 (RS*) or PSS (PS*). */
  padding?: 'pkcs1' | 'pss'
  /** Minimum RSA modulus (RFC 7518 §3.3, §3.5). */
  minRsaBits?: number
}

export const ALGORITHMS: Record<JwsAlg, AlgDescriptor> = {
  HS256: { kty: 'oct', hash: 'sha256' },
  HS384: { kty: 'oct', hash: 'sha384' },
  HS512: { kty: 'oct', hash: 'sha512' },
  RS256: { kty: 'RSA', hash: 'sha256', padding: 'pkcs1', minRsaBits: 2048 },
  RS384: { kty: 'RSA', hash: 'sha384', padding: 'pkcs1', minRsaBits: 2048 },
  RS512: { kty: 'RSA', hash: 'sha512', padding: 'pkcs1', minRsaBits: 2048 },
  PS256: { kty: 'RSA', hash: 'sha256', padding: 'pss', minRsaBits: 2048 },
  PS384: { kty: 'RSA', hash: 'sha384', padding: 'pss', minRsaBits: 2048 },
  PS512: { kty: 'RSA', hash: 'sha512', padding: 'pss', minRsaBits: 2048 },
  ES256: { kty: 'EC', crv: 'P-256', hash: 'sha256' },
  ES384: { kty: 'EC', crv: 'P-384', hash: 'sha384' },
  ES512: { kty: 'EC', crv: 'P-521', hash: 'sha512' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  none: { kty: 'none' },
}

/** Bits of an elliptic curve's order, the "key size" FAPI 1 §5.2.2-6 and FAPI 2 §5.4.1 speak of. */
export const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  Ed25519: 256,
  secp256k1: 256,
}
