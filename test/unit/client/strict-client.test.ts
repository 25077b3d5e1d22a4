import 'reflect-metadata'
import {
  createPrivateKey,
  createPublicKey,
  constants,
  createHash,
  verify,
  X509Certificate,
} from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { buildAssertion } from '../../../src/client/auth/assertion.js'
import { ClientSecretBasic } from '../../../src/client/auth/client-secret-basic.js'
import { formUrlEncode } from '../../../src/client/form.js'
import { certX5c } from '../../../src/client/simulator.js'
import {
  createCa,
  issueClientCert,
  issueServerCert,
  selfSignedCert,
  thumbprintS256,
} from '../../../src/crypto/certs.js'
import { getKey } from '../../../src/crypto/keys.js'
import { HttpClient } from '../../../src/http/client.js'
import { requestContext } from './auth/_context.js'

/**
 * The harness is a strictly correct client: every rule below is checked by an independent parser
 * written here to the grammar of the spec (or by Node's own parsers), never by the harness's own
 * serializer read backwards.
 */
process.env.FAPI_HARNESS_CACHE_DIR ??= join(tmpdir(), 'fapi-harness-unit-keys')

/** Values that break lenient encoders: RFC 3986 sub-delims, `!'()*~`, space, `+`, `%`, `:`, non-ASCII. */
const NASTY = ["a!b'c(d)e*f~g", 'p:a+s s%w/rd&x=y', 'é€😀', ' ', '-._', 'a\u0000b', '']

// ---- an application/x-www-form-urlencoded decoder per the grammar (WHATWG URL §5.1, HTML 4.01 §17.13.4.1)
const ENCODED = /^(?:[A-Za-z0-9*\-._+]|%[0-9A-Fa-f]{2})*$/
function formDecode(s: string): string {
  if (!ENCODED.test(s))
    throw new Error(`not application/x-www-form-urlencoded: ${JSON.stringify(s)}`)
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '+') bytes.push(0x20)
    else if (c === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(c.charCodeAt(0))
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
}
function formParse(body: string): Array<[string, string]> {
  if (body === '') return []
  return body.split('&').map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 0) throw new Error(`a pair without "=": ${pair}`)
    return [formDecode(pair.slice(0, eq)), formDecode(pair.slice(eq + 1))]
  })
}

// ---- RFC 7617 §2 Basic credentials: "Basic" SP token68, base64 (RFC 4648 §4, padded) of user-id ":" password
function parseBasic(header: string): { user: string; password: string } {
  const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header)
  if (!m) throw new Error(`not Basic credentials: ${header}`)
  const b64 = m[1]!
  if (b64.length % 4 !== 0) throw new Error('base64 without padding')
  const raw = Buffer.from(b64, 'base64')
  if (raw.toString('base64') !== b64) throw new Error('non-canonical base64')
  const text = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  const colon = text.indexOf(':')
  if (colon < 0) throw new Error('no ":" in user-pass')
  return { user: text.slice(0, colon), password: text.slice(colon + 1) }
}

test.describe('RFC 6749 §2.3.1: client_secret_basic form-encodes client_id and secret before Basic', () => {
  for (const value of NASTY) {
    test(`round trip of ${JSON.stringify(value)}`, async () => {
      const req = requestContext({
        client_id: `id${value}`,
        client_secret: `sec${value}`,
        token_endpoint_auth_method: 'client_secret_basic',
      })
      await ClientSecretBasic()(req)
      const { user, password } = parseBasic(req.headers.authorization!)
      // user-id holds no ':' (RFC 7617 §2); every character of either part is an encoded one
      expect(user).not.toContain(':')
      expect(formDecode(user)).toBe(`id${value}`)
      expect(formDecode(password)).toBe(`sec${value}`)
    })
  }

  test("`!'()*~` are percent-encoded, not left as encodeURIComponent leaves them", async () => {
    const req = requestContext({
      client_id: "c!'()*~",
      client_secret: 's',
      token_endpoint_auth_method: 'client_secret_basic',
    })
    await ClientSecretBasic()(req)
    expect(parseBasic(req.headers.authorization!).user).toBe('c%21%27%28%29%2A%7E')
  })

  test('RFC 6749 Appendix B example: " %&+£€" encodes as "+%25%26%2B%C2%A3%E2%82%AC"', () => {
    expect(formUrlEncode(' %&+£€')).toBe('+%25%26%2B%C2%A3%E2%82%AC')
  })
})

test('form bodies on the wire are application/x-www-form-urlencoded, in order, duplicates and empty values kept', async () => {
  let seen: { body: string; type: string | undefined } | undefined
  const server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.setEncoding('latin1')
    req.on('data', (d: string) => (body += d))
    req.on('end', () => {
      seen = { body, type: req.headers['content-type'] }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const http = new HttpClient({ trust: {}, timeoutMs: 5_000 })
  try {
    const params: Array<[string, string]> = [
      ['grant_type', 'client_credentials'],
      ...NASTY.map((v, i): [string, string] => [`p${i}${v}`, v]),
      ['dup', '1'],
      ['dup', '2'],
    ]
    await http.send({
      purpose: 'token',
      method: 'POST',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
      form: new URLSearchParams(params),
    })
    expect(seen?.type).toBe('application/x-www-form-urlencoded')
    // every byte is ASCII from the encoded alphabet plus the separators
    expect(seen!.body).toMatch(/^[A-Za-z0-9*\-._+%=&]*$/)
    expect(formParse(seen!.body)).toEqual(params)
  } finally {
    await http.close()
    await new Promise<void>((r) => server.close(() => r()))
  }
})

// ---- RFC 7515 §7.1 compact serialization; RFC 7523 §3 claims
const B64URL = /^[A-Za-z0-9_-]*$/
function b64urlStrict(s: string): Buffer {
  if (!B64URL.test(s) || s.length % 4 === 1)
    throw new Error(`not base64url without padding: ${s.slice(0, 20)}`)
  return Buffer.from(s, 'base64url')
}
function parseCompact(jws: string) {
  const parts = jws.split('.')
  if (parts.length !== 3) throw new Error('a compact JWS has three parts')
  const json = (b: Buffer) =>
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b)) as Record<string, unknown>
  return {
    header: json(b64urlStrict(parts[0]!)),
    payload: json(b64urlStrict(parts[1]!)),
    input: `${parts[0]}.${parts[1]}`,
    signature: b64urlStrict(parts[2]!),
  }
}

test.describe('client assertions (RFC 7523 §3): fresh jti, iat now, exp within minutes, signature Node verifies', () => {
  for (const [kind, alg] of [
    ['RSA-2048', 'PS256'],
    ['EC-P256', 'ES256'],
  ] as const) {
    test(`${alg}`, async () => {
      const key = getKey(kind)
      const jtis = new Set<string>()
      for (let i = 0; i < 20; i++) {
        const now = Math.floor(Date.now() / 1000)
        const ctx = {
          client: {
            client_id: 'client-1',
            token_endpoint_auth_method: 'private_key_jwt' as const,
            source: 'registered' as const,
          },
          metadata: {
            issuer: 'https://as.example.com',
            token_endpoint: 'https://as.example.com/token',
          },
          endpoint: 'https://as.example.com/token',
          now,
        }
        const jws = await buildAssertion(ctx, { mode: 'key', key, alg }, 'token_endpoint')
        const { header, payload, input, signature } = parseCompact(jws)
        expect(header.alg).toBe(alg)
        expect(payload).toMatchObject({
          iss: 'client-1',
          sub: 'client-1',
          aud: 'https://as.example.com/token',
        })
        expect(typeof payload.jti).toBe('string')
        expect((payload.jti as string).length).toBeGreaterThanOrEqual(16)
        jtis.add(payload.jti as string)
        for (const c of ['iat', 'exp'] as const) expect(Number.isInteger(payload[c])).toBe(true)
        expect(
          Math.abs((payload.iat as number) - Math.floor(Date.now() / 1000)),
        ).toBeLessThanOrEqual(5)
        expect(payload.exp as number).toBeGreaterThan(payload.iat as number)
        expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(300)
        const pub = createPublicKey({ key: key.publicJwk as never, format: 'jwk' })
        const ok =
          alg === 'ES256'
            ? verify(
                'sha256',
                Buffer.from(input),
                { key: pub, dsaEncoding: 'ieee-p1363' },
                signature,
              )
            : verify(
                'sha256',
                Buffer.from(input),
                { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
                signature,
              )
        expect(ok).toBe(true)
      }
      expect(jtis.size).toBe(20)
    })
  }
})

// ---- RFC 7468 §3 stricttextualmsg: 64-character base64 lines, padded last line, matching labels
function strictPem(pem: string, label: string): Buffer {
  const re = new RegExp(
    `^-----BEGIN ${label}-----\\r?\\n((?:[A-Za-z0-9+/]{64}\\r?\\n)*)((?:[A-Za-z0-9+/]{4}){0,15}(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)\\r?\\n)-----END ${label}-----\\r?\\n?$`,
  )
  const m = re.exec(pem)
  if (!m) throw new Error(`not a strict RFC 7468 ${label}:\n${pem.slice(0, 200)}`)
  return Buffer.from((m[1]! + m[2]!).replace(/\s/g, ''), 'base64')
}

test('PEM certificates and keys follow RFC 7468 strictly; DER, x5c and x5t#S256 are exactly the certificate', async () => {
  const ca = await createCa('CN=strict CA')
  const certs = [
    ca,
    await issueServerCert(ca, { ips: ['127.0.0.1'] }),
    await issueClientCert(ca, { subject: 'CN=strict client' }),
    await selfSignedCert({ subject: 'CN=strict self-signed' }),
  ]
  for (const c of certs) {
    const der = strictPem(c.certPem, 'CERTIFICATE')
    const x509 = new X509Certificate(c.certPem)
    expect(der.equals(x509.raw)).toBe(true)
    expect(c.der.equals(x509.raw)).toBe(true)
    // RFC 7517 §4.7: x5c is base64 (not base64url) DER, padded
    for (const x5c of [c.x5c, certX5c(c.certPem)]) {
      expect(x5c).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
      expect(x5c.length % 4).toBe(0)
      expect(Buffer.from(x5c, 'base64').equals(x509.raw)).toBe(true)
    }
    // RFC 8705 §3.1: x5t#S256 is base64url(SHA-256(DER)) without padding
    const expected = createHash('sha256').update(x509.raw).digest('base64url')
    expect(c.thumbprint).toBe(expected)
    expect(thumbprintS256(c.certPem)).toBe(expected)
    // the private key: PKCS#8 (RFC 5208) in a PRIVATE KEY block (RFC 7468 §10), which Node parses
    const pkcs8 = strictPem(c.keyPem, 'PRIVATE KEY')
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    expect(
      createPublicKey(key)
        .export({ format: 'der', type: 'spki' })
        .equals(x509.publicKey.export({ format: 'der', type: 'spki' })),
    ).toBe(true)
  }
})
