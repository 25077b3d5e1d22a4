import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import {
  base64url,
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  EmbeddedJWK,
  jwtVerify,
} from 'jose'
import {
  dpopChallenge,
  dpopProof,
  DpopProofVariation,
  generateDpopKey,
  htuOf,
} from '../../../src/client/dpop.js'
import { Simulator } from '../../../src/client/simulator.js'
import type { HttpClient, HttpRequest } from '../../../src/http/client.js'
import type { Exchange } from '../../../src/suite/result.js'

/**
 * DPoP proofs (RFC 9449 §4.2) as the client builds them, verified with jose's own verifier and an
 * independent SHA-256, not with the harness's code.
 */

const URL_WITH_QUERY = 'https://as.example.com/token?x=1#frag'

test('a correct proof: typ dpop+jwt, public jwk, signature by that jwk, htm, htu without query and fragment, iat, jti', async () => {
  const key = await generateDpopKey('ES256')
  const { proof } = await dpopProof(key, { htm: 'POST', url: URL_WITH_QUERY })
  const { protectedHeader, payload } = await jwtVerify(proof, EmbeddedJWK, {
    typ: 'dpop+jwt',
    algorithms: ['ES256'],
  })
  expect(protectedHeader.typ).toBe('dpop+jwt')
  expect(protectedHeader.alg).toBe('ES256')
  expect(Object.keys(protectedHeader.jwk!).sort()).toEqual(['crv', 'kty', 'x', 'y'])
  expect(await calculateJwkThumbprint(protectedHeader.jwk!, 'sha256')).toBe(key.jkt)
  expect(payload.htm).toBe('POST')
  expect(payload.htu).toBe('https://as.example.com/token')
  expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(5)
  expect(typeof payload.jti).toBe('string')
  expect(payload.ath).toBeUndefined()
  expect(payload.nonce).toBeUndefined()
  const again = await dpopProof(key, { htm: 'POST', url: URL_WITH_QUERY })
  expect(decodeJwt(again.proof).jti).not.toBe(payload.jti)
})

test('at a resource: ath is base64url(SHA-256(access token)); a supplied nonce is carried', async () => {
  const key = await generateDpopKey('EdDSA')
  const token = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'
  const { proof } = await dpopProof(key, {
    htm: 'GET',
    url: 'https://rs.example.com/resource',
    accessToken: token,
    nonce: 'n-123',
  })
  const { payload } = await jwtVerify(proof, EmbeddedJWK, {
    typ: 'dpop+jwt',
    algorithms: ['EdDSA'],
  })
  expect(payload.ath).toBe(
    base64url.encode(createHash('sha256').update(Buffer.from(token, 'ascii')).digest()),
  )
  expect(payload.nonce).toBe('n-123')
  expect(htuOf('https://rs.example.com/a/b?c=d')).toBe('https://rs.example.com/a/b')
})

test('the RFC 9449 §7.1 example ath: fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo', async () => {
  const key = await generateDpopKey()
  const { payload } = await dpopProof(key, {
    htm: 'GET',
    url: 'https://resource.example.org/protectedresource',
    accessToken: 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU',
  })
  expect(payload.ath).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo')
})

test('variations: none and HS256 do not verify; a private jwk; another key; typ; htm/htu/iat', async () => {
  const key = await generateDpopKey()
  const input = { htm: 'POST', url: 'https://as.example.com/token' }
  const none = await dpopProof(key, input, { alg: 'none' })
  expect(decodeProtectedHeader(none.proof).alg).toBe('none')
  expect(none.proof.endsWith('.')).toBe(true)
  await expect(jwtVerify(none.proof, EmbeddedJWK)).rejects.toThrow()
  const hs = await dpopProof(key, input, { alg: 'HS256' })
  expect(decodeProtectedHeader(hs.proof).alg).toBe('HS256')
  await expect(jwtVerify(hs.proof, EmbeddedJWK, { algorithms: ['ES256'] })).rejects.toThrow()
  const priv = await dpopProof(key, input, { privateJwk: true })
  expect(typeof (decodeProtectedHeader(priv.proof).jwk as { d?: string }).d).toBe('string')
  const other = await generateDpopKey()
  const foreign = await dpopProof(key, input, { key: other })
  const v = await jwtVerify(foreign.proof, EmbeddedJWK)
  expect(await calculateJwkThumbprint(v.protectedHeader.jwk!, 'sha256')).toBe(other.jkt)
  expect(other.jkt).not.toBe(key.jkt)
  const changed = await dpopProof(key, input, {
    typ: 'JWT',
    htm: 'GET',
    htu: 'https://elsewhere.example.com/',
    iatOffset: -86400,
  })
  const c = await jwtVerify(changed.proof, EmbeddedJWK)
  expect(c.protectedHeader.typ).toBe('JWT')
  expect(c.payload.htm).toBe('GET')
  expect(c.payload.htu).toBe('https://elsewhere.example.com/')
  expect(Math.abs((c.payload.iat as number) + 86400 - Date.now() / 1000)).toBeLessThan(5)
})

test('the DPoP challenge: scheme and error among listed challenges', () => {
  expect(
    dpopChallenge(
      'DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256"',
    ),
  ).toEqual({ dpop: true, error: 'invalid_token' })
  expect(dpopChallenge('Bearer, DPoP algs="ES256 PS256"')).toEqual({ dpop: true })
  expect(dpopChallenge('Bearer error="invalid_token"')).toEqual({ dpop: false })
})

/** A fake network: the token endpoint asks for a nonce once, then answers. */
class NonceHttp {
  readonly sent: HttpRequest[] = []
  async send(
    req: HttpRequest,
    opts: { onExchange?: (x: Exchange) => void } = {},
  ): Promise<Exchange> {
    this.sent.push({ ...req, headers: { ...req.headers } })
    const first = this.sent.length === 1
    const x: Exchange = {
      purpose: req.purpose,
      request: {
        method: req.method,
        url: req.url,
        headers: { ...(req.headers ?? {}) },
        body: req.form?.toString() ?? '',
      },
      response: first
        ? {
            status: 400,
            headers: { 'content-type': 'application/json', 'dpop-nonce': 'server-nonce-1' },
            body: JSON.stringify({ error: 'use_dpop_nonce' }),
          }
        : {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ access_token: 'at', token_type: 'DPoP' }),
          },
      durationMs: 1,
    }
    opts.onExchange?.(x)
    return x
  }
}

test('the simulator: a DPoP client sends a proof with every token request and retries once with the DPoP-Nonce (RFC 9449 §8)', async () => {
  const http = new NonceHttp()
  const metadata = {
    issuer: 'https://as.example.com',
    token_endpoint: 'https://as.example.com/token',
  }
  const sim = new Simulator({
    http: http as unknown as HttpClient,
    issuer: metadata.issuer,
    metadata,
    now: () => Math.floor(Date.now() / 1000),
    identities: {
      selfSigned: async () => {
        throw new Error('unused')
      },
    },
    senderConstrained: true,
  })
  const key = await generateDpopKey()
  const client = {
    client_id: 'c1',
    token_endpoint_auth_method: 'private_key_jwt' as const,
    dpop: key,
    source: 'config' as const,
  }
  const x = await sim.call('token', { grant_type: 'client_credentials' }, client, [], 'issuer')
  expect(x.response?.status).toBe(200)
  expect(http.sent).toHaveLength(2)
  const [a, b] = http.sent.map((r) => r.headers!.dpop!)
  const pa = (await jwtVerify(a!, EmbeddedJWK, { typ: 'dpop+jwt' })).payload
  const pb = (await jwtVerify(b!, EmbeddedJWK, { typ: 'dpop+jwt' })).payload
  expect(pa.nonce).toBeUndefined()
  expect(pb.nonce).toBe('server-nonce-1')
  expect(pb.jti).not.toBe(pa.jti)
  expect(pb.htu).toBe('https://as.example.com/token')
  // a variation that is judged as it is answered: no retry
  const http2 = new NonceHttp()
  const sim2 = new Simulator({
    http: http2 as unknown as HttpClient,
    issuer: metadata.issuer,
    metadata,
    now: () => Math.floor(Date.now() / 1000),
    identities: {
      selfSigned: async () => {
        throw new Error('unused')
      },
    },
    senderConstrained: true,
  })
  const y = await sim2.call(
    'token',
    { grant_type: 'client_credentials' },
    client,
    [DpopProofVariation({ label: 'stale', iatOffset: -86400, noNonceRetry: true })],
    'issuer',
  )
  expect(y.response?.status).toBe(400)
  expect(http2.sent).toHaveLength(1)
  // omit: no DPoP header at all
  const http3 = new NonceHttp()
  const sim3 = new Simulator({
    http: http3 as unknown as HttpClient,
    issuer: metadata.issuer,
    metadata,
    now: () => Math.floor(Date.now() / 1000),
    identities: {
      selfSigned: async () => {
        throw new Error('unused')
      },
    },
    senderConstrained: true,
  })
  await sim3.call(
    'token',
    { grant_type: 'client_credentials' },
    client,
    [DpopProofVariation({ label: 'none', omit: true })],
    'issuer',
  )
  expect(http3.sent[0]!.headers!.dpop).toBeUndefined()
})
