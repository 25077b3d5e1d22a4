import { expect, test } from '@playwright/test'
import { mask, redact, redactText } from '../../../src/http/redact.js'

const MASK = /«redacted(?::[A-Za-z0-9._~+/=-]{4}…)?#[0-9a-f]{8}»/

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const HEADER = b64url({ alg: 'PS256', kid: 'k1' })
const PAYLOAD = b64url({ iss: 'client-1', sub: 'client-1', aud: 'https://as.example.com' })
const SIG = 'ZmFrZS1zaWduYXR1cmUtdGhhdC1tdXN0LW5vdC1sZWFr'
const JWT = `${HEADER}.${PAYLOAD}.${SIG}`

/** The secret is gone from the serialized output and a mask is there. */
function expectGone(out: unknown, ...secrets: string[]) {
  const s = typeof out === 'string' ? out : JSON.stringify(out)
  for (const secret of secrets) expect(s, `leaked ${secret}`).not.toContain(secret)
  expect(s).toMatch(MASK)
}

test.describe('mask', () => {
  test('long values keep a 4-character prefix and a hash; short ones only the hash', () => {
    expect(mask('abcdefghijklmnopqrstuvwxyz')).toMatch(/^«redacted:abcd…#[0-9a-f]{8}»$/)
    expect(mask('short')).toMatch(/^«redacted#[0-9a-f]{8}»$/)
    expect(mask('same')).toBe(mask('same'))
    expect(mask('same')).not.toBe(mask('Same'))
  })
  test('a prefix that is not plain token text is not shown', () => {
    expect(mask('{"r":"0123456789abcdefghij"}')).toMatch(/^«redacted#[0-9a-f]{8}»$/)
  })
})

test.describe('headers', () => {
  test('Authorization and Proxy-Authorization keep the scheme word', () => {
    const out = redact({
      headers: {
        Authorization: 'Bearer at-0123456789abcdef',
        'proxy-authorization': 'Basic dXNlcjpwYXNzd29yZA==',
      },
    })
    expect(out.headers.Authorization).toMatch(new RegExp(`^Bearer ${MASK.source}$`))
    expect(out.headers['proxy-authorization']).toMatch(new RegExp(`^Basic ${MASK.source}$`))
    expectGone(out, 'at-0123456789abcdef', 'dXNlcjpwYXNzd29yZA==')
  })
  test('Cookie and Set-Cookie keep names and attributes', () => {
    const out = redact({
      cookie: 'sid=s3ss10n-value; csrf=t0k3n',
      'Set-Cookie': 'sid=s3ss10n-value; Path=/; HttpOnly; Secure',
    })
    expect(out.cookie).toMatch(/^sid=«.*»; csrf=«.*»$/)
    expect(out['Set-Cookie']).toMatch(/^sid=«.*»; Path=\/; HttpOnly; Secure$/)
    expectGone(out, 's3ss10n-value', 't0k3n')
  })
  test('DPoP proof', () => {
    const out = redact({ DPoP: JWT })
    expectGone(out, SIG, PAYLOAD)
  })
  test('header lines in raw text', () => {
    const out = redactText(
      'POST /token HTTP/1.1\r\nAuthorization: Bearer raw-token-123456\r\nHost: as',
    )
    expect(out).toContain('Authorization: Bearer «')
    expectGone(out, 'raw-token-123456')
  })
})

test.describe('form and JSON members', () => {
  const simple = [
    'client_secret',
    'access_token',
    'refresh_token',
    'code',
    'auth_req_id',
    'registration_access_token',
    'password',
    'initial_access_token',
  ] as const
  for (const field of simple) {
    test(`${field} in an object, in a JSON body, in a form body and in a query string`, () => {
      const v = `${field}-VALUE-0123456789`
      expectGone(redact({ [field]: v }), v)
      expectGone(redact({ body: JSON.stringify({ [field]: v, other: 1 }) }), v)
      expectGone(redact({ body: `grant_type=x&${field}=${encodeURIComponent(v)}&z=1` }), v)
      expectGone(redact({ url: `https://client.example/cb?state=s&${field}=${v}#frag` }), v)
      expectGone(redactText(`{"nested":"{\\"${field}\\":\\"${v}\\"}"}`), v)
    })
  }
  test('the same value masks identically as form field and JSON member', () => {
    const form = redactText('code=abc-DEF-123456789')
    const json = redactText('{"code":"abc-DEF-123456789"}')
    expect(form.slice('code='.length)).toBe(JSON.parse(json).code)
  })
  test('client_assertion and id_token keep header and payload, lose the signature', () => {
    const out = redact({
      client_assertion: JWT,
      body: `client_assertion=${JWT}&x=1`,
      response: JSON.stringify({ id_token: JWT }),
    })
    expect(out.client_assertion.startsWith(`${HEADER}.${PAYLOAD}.«`)).toBe(true)
    expect(out.body).toContain(`client_assertion=${HEADER}.${PAYLOAD}.«`)
    expect(JSON.parse(out.response).id_token.startsWith(`${HEADER}.${PAYLOAD}.«`)).toBe(true)
    expectGone(out, SIG)
  })
  test('similar names are left alone', () => {
    const out = redactText(
      'client_secret_expires_at=0&code_challenge=abc&error_code=x&grant_type=authorization_code',
    )
    expect(out).toBe(
      'client_secret_expires_at=0&code_challenge=abc&error_code=x&grant_type=authorization_code',
    )
  })
  test('a transport error code is not an authorization code', () => {
    const out = redact({
      transport_error: { code: 'ECONNRESET', message: 'socket hang up' },
      aborted: { code: 'ERR_TLS_HANDSHAKE' },
    })
    expect(out.transport_error.code).toBe('ECONNRESET')
    expect(out.aborted.code).toBe('ERR_TLS_HANDSHAKE')
  })
})

test.describe('keys', () => {
  const jwk = {
    kty: 'RSA',
    kid: 'k1',
    n: 'public-n',
    e: 'AQAB',
    d: 'PRIV-d-value',
    p: 'PRIV-p-value',
    q: 'PRIV-q-value',
    dp: 'PRIV-dp-value',
    dq: 'PRIV-dq-value',
    qi: 'PRIV-qi-value',
    oth: [{ r: 'PRIV-oth-r', d: 'PRIV-oth-d', t: 'PRIV-oth-t' }],
  }
  const secretsOf = [
    'PRIV-d-value',
    'PRIV-p-value',
    'PRIV-q-value',
    'PRIV-dp-value',
    'PRIV-dq-value',
    'PRIV-qi-value',
    'PRIV-oth-r',
    'PRIV-oth-d',
    'PRIV-oth-t',
  ]
  test('private JWK members anywhere in an object', () => {
    const out = redact({ deep: { jwks: { keys: [jwk, { kty: 'oct', k: 'PRIV-k-value' }] } } })
    expectGone(out, ...secretsOf, 'PRIV-k-value')
    expect((out.deep.jwks.keys[0] as typeof jwk).n).toBe('public-n')
  })
  test('private JWK members inside JSON carried in a string, formatting kept', () => {
    const text = JSON.stringify({ keys: [jwk, { kty: 'oct', k: 'PRIV-k-value' }] }, null, 2)
    const out = redactText(text)
    expectGone(out, ...secretsOf, 'PRIV-k-value')
    const parsed = JSON.parse(out)
    expect(parsed.keys[0].n).toBe('public-n')
    expect(out.split('\n').length).toBeGreaterThan(5)
  })
  test('PEM private keys', () => {
    for (const kind of ['', 'RSA ', 'EC ', 'ENCRYPTED ']) {
      const pem = `-----BEGIN ${kind}PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END ${kind}PRIVATE KEY-----`
      const out = redact({
        evidence: `key:\n${pem}\ncert follows`,
        escaped: JSON.stringify({ pem }),
      })
      expectGone(out, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQC7')
      expect(out.evidence).toContain(`-----BEGIN ${kind}PRIVATE KEY-----«`)
    }
  })
})

test.describe('credentials and known secrets', () => {
  test('Basic credentials in text and user-info in URLs', () => {
    const cred = Buffer.from('client-1:pa55word-xyz').toString('base64')
    expectGone(redactText(`sent Basic ${cred} to the token endpoint`), cred)
    expectGone(redactText('fetch https://client-1:pa55word-xyz@as.example/token'), 'pa55word-xyz')
    expect(redactText('HTTP Basic authentication is required')).toBe(
      'HTTP Basic authentication is required',
    )
  })
  test('a known secret, raw, URL-encoded and base64 at any offset', () => {
    const secret = 'my s3cret/with+chars&more'
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ]
    for (const f of forms) expectGone(redactText(`before ${f} after`, [secret]), f)
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const enc = Buffer.from(`${prefix}id:${secret}`).toString('base64')
      const out = redactText(`x-custom: ${enc}`, [secret])
      expect(Buffer.from(out.replace(/«[^»]*»/g, ''), 'base64').toString('latin1')).not.toContain(
        's3cret',
      )
      expect(out).toMatch(MASK)
    }
  })
  test('known secrets in every string of a structure, keys untouched', () => {
    const out = redact({ a: ['x', { b: 'error mentions tOpS3cr3t-value' }], tOpS3cr3t: 1 }, [
      'tOpS3cr3t-value',
    ])
    expectGone(out.a, 'tOpS3cr3t-value')
    expect(out.tOpS3cr3t).toBe(1)
  })
})

test.describe('behaviour', () => {
  test('deep copy: the input is not modified', () => {
    const input = {
      headers: { authorization: 'Bearer abcdefgh12345' },
      list: [{ client_secret: 'zzzzzzzz' }],
    }
    const snapshot = JSON.stringify(input)
    const out = redact(input)
    expect(JSON.stringify(input)).toBe(snapshot)
    expect(out).not.toBe(input)
    expect(out.list).not.toBe(input.list)
  })
  test('idempotent: redacting twice changes nothing', () => {
    const input = {
      body: `client_assertion=${JWT}&client_secret=abc123456789&code=xyz`,
      headers: { Authorization: 'Basic Y2xpZW50OnNlY3JldA==', cookie: 'a=b' },
      json: JSON.stringify({
        access_token: 'at',
        keys: [{ kty: 'RSA', d: 'x', oth: [{ r: 'r' }] }],
      }),
      oth: [{ r: 'r', d: 'd', t: 't' }],
    }
    const once = redact(input, ['abc123456789'])
    expect(redact(once, ['abc123456789'])).toEqual(once)
  })
  test('binary attachments pass through', () => {
    const base64 = Buffer.from('PNG....code=1').toString('base64')
    expect(
      redact({ attachments: [{ name: 'x.png', contentType: 'image/png', base64 }] }).attachments[0]!
        .base64,
    ).toBe(base64)
  })
  test('cycles do not hang', () => {
    const a: Record<string, unknown> = { password: 'pw-123456' }
    a.self = a
    const out = redact(a) as Record<string, unknown>
    expect(out.self).toBe(out)
  })
  test('a few hundred exchanges: every one redacted (its Basic credentials and access token)', () => {
    const exchanges = Array.from({ length: 400 }, (_, i) => ({
      purpose: 'token',
      request: {
        method: 'POST',
        url: 'https://as.example.com/token',
        headers: { authorization: `Basic ${Buffer.from(`c:${i}secret`).toString('base64')}` },
        body: `grant_type=client_credentials&client_assertion=${JWT}&scope=openid`,
      },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          access_token: `at-${i}-0123456789`,
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'openid '.repeat(50),
        }),
      },
      jwts: [
        {
          where: 'client_assertion',
          header: { alg: 'PS256' },
          payload: { iss: 'c', aud: 'x', long: 'y'.repeat(2000) },
        },
      ],
      durationMs: 3,
    }))
    const out = redact(exchanges, ['supersecretvalue-1', 'supersecretvalue-2'])
    expect(out).toHaveLength(400)
    const text = JSON.stringify(out)
    expect(text).not.toContain('at-399-0123456789')
    expect(text).not.toContain(Buffer.from('c:399secret').toString('base64'))
  })
})

test('an OAuth error code in a `code` member is evidence, not a credential', () => {
  expect(redact({ evidence: { code: 'invalid_client' } }).evidence.code).toBe('invalid_client')
  expect(redactText('{"code":"authorization_pending"}')).toBe('{"code":"authorization_pending"}')
  expect(redact({ evidence: { code: 'SplxlOBeZQQYbYS6WxSbIA' } }).evidence.code).toMatch(MASK)
})
