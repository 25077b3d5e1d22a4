import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { JWK } from 'jose'

/** Key kinds the harness signs with. RSA-1024 exists only to be refused. */
export type KeyKind = 'RSA-2048' | 'RSA-1024' | 'EC-P256' | 'Ed25519'

export interface KeyPair {
  kind: KeyKind
  kid: string
  /** Private JWK: never written to a report (see src/http/redact.ts). */
  privateJwk: JWK
  publicJwk: JWK
}

/**
 * Where generated keys are cached between runs (RSA generation costs 0.1-0.4 s a key). The cache
 * holds private keys of throw-away test clients, nothing else; it lives outside reports/.
 */
export function keyCacheDir(): string {
  return (
    process.env.FAPI_HARNESS_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'fapi-harness')
  )
}

function generate(kind: KeyKind): { privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } =
    kind === 'RSA-2048' || kind === 'RSA-1024'
      ? generateKeyPairSync('rsa', { modulusLength: kind === 'RSA-2048' ? 2048 : 1024 })
      : kind === 'EC-P256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519')
  return {
    privateJwk: privateKey.export({ format: 'jwk' }) as JWK,
    publicJwk: publicKey.export({ format: 'jwk' }) as JWK,
  }
}

function thumbprintKid(jwk: JWK): string {
  const members =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : jwk.kty === 'EC'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
        : { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url')
}

const memory = new Map<string, KeyPair>()

/**
 * The `index`-th key of a kind. Keys are generated once per machine and cached on disk, so a run
 * does not spend its time in RSA key generation; distinct indexes give distinct keys (a client's
 * registered key and "a key the client never registered").
 */
export function getKey(kind: KeyKind, index = 0): KeyPair {
  const name = `${kind}-${index}`
  const hit = memory.get(name)
  if (hit) return hit
  const dir = keyCacheDir()
  const file = join(dir, `${name}.json`)
  let pair: { privateJwk: JWK; publicJwk: JWK } | undefined
  try {
    pair = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    pair = generate(kind)
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const tmp = `${file}.${process.pid}.tmp`
      writeFileSync(tmp, JSON.stringify(pair), { mode: 0o600 })
      renameSync(tmp, file)
    } catch {
      // an unwritable cache only costs time
    }
  }
  const kid = thumbprintKid(pair!.publicJwk)
  const key: KeyPair = {
    kind,
    kid,
    privateJwk: { ...pair!.privateJwk, kid },
    publicJwk: { ...pair!.publicJwk, kid },
  }
  memory.set(name, key)
  return key
}

/** Bits of an RSA modulus from its JWK `n`. */
export function rsaBits(jwk: JWK): number {
  const n = Buffer.from(jwk.n ?? '', 'base64url')
  let i = 0
  while (i < n.length && n[i] === 0) i++
  return n.length === i ? 0 : (n.length - i - 1) * 8 + Math.floor(Math.log2(n[i]!)) + 1
}
