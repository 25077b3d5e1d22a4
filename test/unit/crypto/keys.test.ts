import { expect, test } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { calculateJwkThumbprint } from 'jose'
import { getKey, keyCacheDir, rsaBits, type KeyKind } from '../../../src/crypto/keys.js'

// getKey reads FAPI_HARNESS_CACHE_DIR on each cache miss; this file points it at a fresh directory.
let dir: string
let previous: string | undefined
test.beforeAll(() => {
  previous = process.env.FAPI_HARNESS_CACHE_DIR
  dir = mkdtempSync(join(tmpdir(), 'fapi-harness-keys-'))
  process.env.FAPI_HARNESS_CACHE_DIR = dir
})
test.afterAll(() => {
  if (previous === undefined) delete process.env.FAPI_HARNESS_CACHE_DIR
  else process.env.FAPI_HARNESS_CACHE_DIR = previous
  rmSync(dir, { recursive: true, force: true })
})

// Indexes no other test file uses, so the in-memory cache of the worker cannot answer first.
const FRESH = 9000 + Math.floor(Math.random() * 1000)

test.describe('rsaBits', () => {
  test('1024 and 2048 bit keys', () => {
    expect(rsaBits(getKey('RSA-1024', FRESH).publicJwk)).toBe(1024)
    expect(rsaBits(getKey('RSA-2048', FRESH).publicJwk)).toBe(2048)
  })

  test('leading zero bytes and the top byte are counted exactly', () => {
    const n = (bytes: number[]) => ({
      kty: 'RSA',
      e: 'AQAB',
      n: Buffer.from(bytes).toString('base64url'),
    })
    expect(rsaBits(n([0x01, 0x00]))).toBe(9)
    expect(rsaBits(n([0x00, 0x00, 0x80, 0x00]))).toBe(16)
    expect(rsaBits(n([0xff]))).toBe(8)
    expect(rsaBits(n([0x00]))).toBe(0)
    expect(rsaBits({ kty: 'RSA' })).toBe(0)
  })
})

test.describe('getKey', () => {
  test('keyCacheDir follows FAPI_HARNESS_CACHE_DIR', () => {
    expect(keyCacheDir()).toBe(dir)
  })

  for (const kind of ['RSA-2048', 'EC-P256', 'Ed25519', 'RSA-1024'] as KeyKind[]) {
    test(`${kind}: same index → same key, distinct index → distinct key`, () => {
      const a = getKey(kind, FRESH)
      const b = getKey(kind, FRESH + 1)
      expect(getKey(kind, FRESH)).toBe(a)
      expect(a.kind).toBe(kind)
      expect(a.kid).not.toBe(b.kid)
      expect(a.publicJwk).not.toEqual(b.publicJwk)
    })
  }

  test('kid is the RFC 7638 thumbprint and is set on both JWKs; the public JWK has no private part', async () => {
    for (const kind of ['RSA-2048', 'EC-P256', 'Ed25519'] as KeyKind[]) {
      const k = getKey(kind, FRESH)
      expect(k.kid).toBe(await calculateJwkThumbprint(k.publicJwk, 'sha256'))
      expect(k.privateJwk.kid).toBe(k.kid)
      expect(k.publicJwk.kid).toBe(k.kid)
      expect('d' in k.publicJwk).toBe(false)
      expect(typeof k.privateJwk.d).toBe('string')
    }
  })

  test('a generated key is written to the cache directory, owner-only', () => {
    const k = getKey('EC-P256', FRESH + 2)
    const file = join(dir, `EC-P256-${FRESH + 2}.json`)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    expect(stored.publicJwk.x).toBe(k.publicJwk.x)
    expect(stored.privateJwk.d).toBe(k.privateJwk.d)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  test('a cached key on disk is used instead of generating one', async () => {
    const donor = getKey('EC-P256', FRESH + 3)
    const { kid: _k1, ...publicJwk } = donor.publicJwk
    const { kid: _k2, ...privateJwk } = donor.privateJwk
    writeFileSync(join(dir, `EC-P256-${FRESH + 4}.json`), JSON.stringify({ privateJwk, publicJwk }))
    const k = getKey('EC-P256', FRESH + 4)
    expect(k.publicJwk).toEqual(donor.publicJwk)
    expect(k.kid).toBe(donor.kid)
  })
})
