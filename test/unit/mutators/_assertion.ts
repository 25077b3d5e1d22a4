import { buildAssertion, type Mutator } from '../../../src/client/auth/assertion.js'
import type { Signer } from '../../../src/crypto/jws.js'
import { getKey, type KeyPair } from '../../../src/crypto/keys.js'
import type { AudienceKind } from '../../../src/suite/profile.js'
import { requestContext } from '../client/auth/_context.js'

export { METADATA, NOW } from '../client/auth/_context.js'

export interface Parts {
  jws: string
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** `header.payload` as signed. */
  input: string
  signature: Buffer
}

export function parts(jws: string): Parts {
  const [h, p, s] = jws.split('.') as [string, string, string]
  return {
    jws,
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    input: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  }
}

export const registered = (): KeyPair => getKey('RSA-2048', 0)

/** A client assertion for client-1 signed PS256 with the registered RSA key, through `mutators`. */
export async function build(
  mutators: Mutator[],
  opts: { signer?: Signer; audience?: AudienceKind } = {},
): Promise<Parts> {
  const key = registered()
  const ctx = requestContext({ client_id: 'client-1', key })
  return parts(
    await buildAssertion(
      ctx,
      opts.signer ?? { mode: 'key', key, alg: 'PS256' },
      opts.audience ?? 'token_endpoint',
      mutators,
    ),
  )
}

/** The object without the given members (jti is always random, so it is never compared). */
export function without(o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...o }
  for (const k of ['jti', ...keys]) delete out[k]
  return out
}
