/**
 * Phase 1: the correct reference AS answers like a correct server of each profile.
 * Direct requests with undici + jose (independent of the harness's own client).
 */
import { expect, test } from '@playwright/test'
import { issueClientCert, jwkWithX5c, createCa, selfSignedCert } from '../../../src/crypto/certs.js'
import { startReferenceAS, type ReferenceAS } from '../../../src/reference-as/index.js'
import { startReferenceASProcess } from '../../../src/reference-as/process.js'
import { PROFILE_IDS } from '../../../src/suite/profile.js'
import * as h from './helpers.js'

let as: ReferenceAS
let startMs = 0

test.beforeAll(async () => {
  const t = performance.now()
  as = await startReferenceAS()
  startMs = performance.now() - t
})
test.afterAll(async () => {
  await as?.close()
})

const FAPI_BOUND = new Set(['fapi1-advanced', 'fapi2-security', 'fapi-ciba'])

test('starts all seven issuers, path-mounted on one origin', async () => {
  test.info().annotations.push({ type: 'start-ms', description: startMs.toFixed(0) })
  expect(Object.keys(as.issuers).sort()).toEqual([...PROFILE_IDS].sort())
  for (const p of PROFILE_IDS) expect(as.issuers[p]).toBe(`${as.origin}/${p}`)
  expect(as.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
})

test('discovery per issuer matches the profile', async () => {
  const agent = h.agentFor(as.caPem)
  const want: Record<string, { methods: string[]; algs: string[] }> = {
    oauth2: {
      methods: [
        'none',
        'client_secret_basic',
        'client_secret_post',
        'client_secret_jwt',
        'private_key_jwt',
        'tls_client_auth',
        'self_signed_tls_client_auth',
      ],
      algs: ['RS256', 'PS256', 'ES256', 'HS256'],
    },
    'fapi1-baseline': {
      methods: [
        'none',
        'client_secret_jwt',
        'private_key_jwt',
        'tls_client_auth',
        'self_signed_tls_client_auth',
      ],
      algs: ['PS256', 'ES256', 'RS256', 'HS256'],
    },
    'fapi1-advanced': {
      methods: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
      algs: ['PS256', 'ES256'],
    },
    'fapi2-security': {
      methods: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
      algs: ['PS256', 'ES256', 'EdDSA'],
    },
    'fapi-ciba': {
      methods: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
      algs: ['PS256', 'ES256'],
    },
  }
  for (const p of PROFILE_IDS) {
    const d = await h.discovery(as.issuers[p], agent)
    expect(d.issuer).toBe(as.issuers[p])
    expect(d.token_endpoint).toBe(`${as.issuers[p]}/token`)
    expect(d.registration_endpoint).toBe(`${as.issuers[p]}/reg`)
    expect(d.tls_client_certificate_bound_access_tokens).toBe(true)
    expect(d.token_endpoint_auth_signing_alg_values_supported).not.toContain('none')
    expect(d.id_token_signing_alg_values_supported.length).toBeGreaterThan(0)
    const w = want[p]
    if (w) {
      expect([...d.token_endpoint_auth_methods_supported].sort()).toEqual([...w.methods].sort())
      expect([...d.token_endpoint_auth_signing_alg_values_supported].sort()).toEqual(
        [...w.algs].sort(),
      )
    }
    if (p === 'ciba' || p === 'fapi-ciba') {
      expect(d.backchannel_authentication_endpoint).toBe(`${as.issuers[p]}/backchannel`)
      // push: the ciba profile only (FAPI-CIBA §5.2.2-3 forbids it)
      expect(d.backchannel_token_delivery_modes_supported).toEqual(
        p === 'ciba' ? ['poll', 'ping', 'push'] : ['poll', 'ping'],
      )
    } else {
      expect(d.backchannel_authentication_endpoint).toBeUndefined()
    }
  }
  // RFC 8414 path-inserted form
  const r = await h.getJson(
    `${as.origin}/.well-known/oauth-authorization-server/fapi2-security`,
    agent,
  )
  expect(r.status).toBe(200)
  expect(r.json.issuer).toBe(as.issuers['fapi2-security'])
})

test('DCR private_key_jwt (PS256, RSA-2048) + client_credentials with a PS256 assertion, every profile', async () => {
  const cert = await h.bindingCert()
  const agent = h.agentFor(as.caPem, cert)
  const key = await h.signingKey('PS256')
  for (const p of PROFILE_IDS) {
    const issuer = as.issuers[p]
    const id = await h.registerPkjwt(issuer, agent, key, FAPI_BOUND.has(p))
    // FAPI 2.0: aud must be the issuer; everyone else accepts it too
    const r = await h.tokenWithAssertion(
      `${issuer}/token`,
      agent,
      await h.assertion(key, id, issuer),
    )
    expect(r.status, `${p}: ${JSON.stringify(r.json)}`).toBe(200)
    expect(r.json.token_type).toBe('Bearer')
    // the resource accepts it; a certificate-bound token needs the same certificate
    const ok = await h.getJson(`${issuer}/resource`, agent, {
      authorization: `Bearer ${r.json.access_token}`,
    })
    expect(ok.status).toBe(200)
    const noCert = await h.getJson(`${issuer}/resource`, h.agentFor(as.caPem), {
      authorization: `Bearer ${r.json.access_token}`,
    })
    if (FAPI_BOUND.has(p)) {
      expect(ok.json.cnf['x5t#S256']).toBe(cert.thumbprint)
      expect(noCert.status).toBe(401)
      expect(noCert.headers['www-authenticate']).toContain('error="invalid_token"')
    } else {
      expect(noCert.status).toBe(200)
    }
  }
})

test('client_secret_basic is refused under fapi1-advanced and accepted under oauth2', async () => {
  const agent = h.agentFor(as.caPem, await h.bindingCert())
  const fapi = await h.register(
    as.issuers['fapi1-advanced'],
    agent,
    h.ccClient({
      token_endpoint_auth_method: 'client_secret_basic',
      tls_client_certificate_bound_access_tokens: true,
    }),
  )
  expect(fapi.status).toBe(400)
  expect(fapi.json.error).toBe('invalid_client_metadata')

  const oauth = await h.register(
    as.issuers.oauth2,
    agent,
    h.ccClient({ token_endpoint_auth_method: 'client_secret_basic' }),
  )
  expect(oauth.status).toBe(201)
  const ok = await h.postForm(
    `${as.issuers.oauth2}/token`,
    agent,
    { grant_type: 'client_credentials' },
    { authorization: h.basic(oauth.json.client_id, oauth.json.client_secret) },
  )
  expect(ok.status).toBe(200)
  // the same basic credentials presented to fapi1-advanced: unknown there (issuers do not share clients)
  const cross = await h.postForm(
    `${as.issuers['fapi1-advanced']}/token`,
    agent,
    { grant_type: 'client_credentials' },
    { authorization: h.basic(oauth.json.client_id, oauth.json.client_secret) },
  )
  expect(cross.status).toBe(401)
  expect(cross.json.error).toBe('invalid_client')
})

test('registration policy: public client_credentials, sender-constraining, RSA-1024, public clients under FAPI 2', async () => {
  const agent = h.agentFor(as.caPem)
  for (const p of PROFILE_IDS) {
    const r = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({ token_endpoint_auth_method: 'none' }),
    )
    expect(r.status, p).toBe(400)
    expect(r.json.error).toBe('invalid_client_metadata')
  }
  const key = await h.signingKey('PS256')
  const unbound = await h.register(
    as.issuers['fapi1-advanced'],
    agent,
    h.ccClient({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.publicJwk] } }),
  )
  expect(unbound.status).toBe(400)
  expect(unbound.json.error).toBe('invalid_client_metadata')

  const small = await h.rsa1024()
  for (const p of ['fapi1-baseline', 'fapi1-advanced', 'fapi2-security', 'fapi-ciba'] as const) {
    const r = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({
        token_endpoint_auth_method: 'private_key_jwt',
        tls_client_certificate_bound_access_tokens: true,
        jwks: { keys: [small.publicJwk] },
      }),
    )
    expect(r.status, p).toBe(400)
  }
  // oauth2 registers it, but the token endpoint refuses the 1024-bit key (jose)
  const r = await h.register(
    as.issuers.oauth2,
    agent,
    h.ccClient({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [small.publicJwk] },
    }),
  )
  expect(r.status).toBe(201)
  const t = await h.tokenWithAssertion(
    `${as.issuers.oauth2}/token`,
    agent,
    h.ps256WithPem(small.pem, r.json.client_id, as.issuers.oauth2, 'rsa1024'),
  )
  expect(t.status).toBe(401)

  const pub = {
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: ['https://client.example/cb'],
  }
  expect((await h.register(as.issuers['fapi2-security'], agent, pub)).status).toBe(400)
  expect((await h.register(as.issuers.oauth2, agent, pub)).status).toBe(201)
})

test('JWT client authentication negatives are refused (oidc)', async () => {
  const agent = h.agentFor(as.caPem)
  const issuer = as.issuers.oidc
  const tokenEp = `${issuer}/token`
  const key = await h.signingKey('PS256')
  const id = await h.registerPkjwt(issuer, agent, key, false)
  const now = Math.floor(Date.now() / 1000)
  const cases: Array<[string, string]> = [
    ['no jti', await h.assertion(key, id, tokenEp, { jti: undefined })],
    ['no exp', await h.assertion(key, id, tokenEp, { exp: undefined })],
    ['expired', await h.assertion(key, id, tokenEp, { iat: now - 3600, exp: now - 600 })],
    ['wrong iss', await h.assertion(key, id, tokenEp, { iss: 'someone-else' })],
    ['wrong aud', await h.assertion(key, id, 'https://other.example/token')],
    ['unregistered key', await h.assertion(await h.signingKey('PS256', 'other'), id, tokenEp)],
    ['alg none', h.unsignedAssertion(id, tokenEp)],
    ['hs256 with public jwk', h.hs256Assertion(id, tokenEp, JSON.stringify(key.publicJwk))],
  ]
  for (const [label, jwt] of cases) {
    const r = await h.tokenWithAssertion(tokenEp, agent, jwt)
    expect(r.status, label).toBe(401)
    expect(r.json.error, label).toBe('invalid_client')
  }
  const wrongSub = await h.tokenWithAssertion(
    tokenEp,
    agent,
    await h.assertion(key, id, tokenEp, { sub: 'someone-else' }),
  )
  expect(wrongSub.status).toBeGreaterThanOrEqual(400)
  const once = await h.assertion(key, id, tokenEp)
  expect((await h.tokenWithAssertion(tokenEp, agent, once)).status).toBe(200)
  expect((await h.tokenWithAssertion(tokenEp, agent, once)).status).toBe(401)
  const two = await h.tokenWithAssertion(
    tokenEp,
    agent,
    await h.assertion(key, id, tokenEp),
    {},
    { authorization: h.basic(id, 'x') },
  )
  expect(two.status).toBe(400)
  expect(two.json.error).toBe('invalid_request')
})

test('audiences: FAPI 2.0 only the issuer; CIBA issuer, token and backchannel endpoints', async () => {
  const agent = h.agentFor(as.caPem, await h.bindingCert())
  const key = await h.signingKey('ES256')
  const f2 = as.issuers['fapi2-security']
  const id = await h.registerPkjwt(f2, agent, key, true)
  const tok = (aud: string | string[]) =>
    h.assertion(key, id, aud).then((a) => h.tokenWithAssertion(`${f2}/token`, agent, a))
  expect((await tok(f2)).status).toBe(200)
  expect((await tok(`${f2}/token`)).status).toBe(401)
  expect((await tok([f2])).status).toBe(401)

  const c = as.issuers.ciba
  const cid = await h.registerPkjwt(c, agent, key, false, {
    grant_types: ['client_credentials', 'urn:openid:params:grant-type:ciba'],
    backchannel_token_delivery_mode: 'poll',
  })
  for (const aud of [c, `${c}/token`, `${c}/backchannel`]) {
    const r = await h.tokenWithAssertion(`${c}/token`, agent, await h.assertion(key, cid, aud))
    expect(r.status, `token endpoint, aud ${aud}`).toBe(200)
    const b = await h.postForm(`${c}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'bob',
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, cid, aud),
    })
    expect(b.status, `backchannel endpoint, aud ${aud}`).toBe(200)
  }
  const other = await h.tokenWithAssertion(
    `${c}/token`,
    agent,
    await h.assertion(key, cid, 'https://other.example'),
  )
  expect(other.status).toBe(401)
})

test('mTLS client authentication: tls_client_auth (DN, SAN IP in binary form) and self_signed_tls_client_auth', async () => {
  const ca = as.clientCa!
  const issuer = as.issuers['fapi1-advanced']
  const tokenEp = `${issuer}/token`
  const plain = h.agentFor(as.caPem)
  const c1 = await issueClientCert(ca, {
    subject: 'CN=client-1,O=Example,C=JP',
    sans: { ip: '::1', dns: 'c1.example' },
  })
  const foreign = await issueClientCert(await createCa('CN=untrusted CA'), {
    subject: 'CN=client-1,O=Example,C=JP',
  })
  const ss = await selfSignedCert({ subject: 'CN=self-signed client' })
  const cases: Array<
    [string, Record<string, string>, { certPem: string; keyPem: string } | undefined, number]
  > = [
    [
      'subject DN (RFC 4514, case/space-insensitive)',
      { tls_client_auth_subject_dn: 'cn=client-1, o=example, c=JP' },
      c1,
      200,
    ],
    [
      'subject DN in the wrong RDN order',
      { tls_client_auth_subject_dn: 'C=JP,O=Example,CN=client-1' },
      c1,
      401,
    ],
    [
      'SAN IP ::1 registered as 0:0:0:0:0:0:0:1',
      { tls_client_auth_san_ip: '0:0:0:0:0:0:0:1' },
      c1,
      200,
    ],
    ['SAN IP mismatch', { tls_client_auth_san_ip: '127.0.0.1' }, c1, 401],
    ['SAN DNS', { tls_client_auth_san_dns: 'c1.example' }, c1, 200],
    [
      'certificate from an untrusted CA',
      { tls_client_auth_subject_dn: 'CN=client-1,O=Example,C=JP' },
      foreign,
      401,
    ],
    [
      'self-signed certificate for tls_client_auth',
      { tls_client_auth_subject_dn: 'CN=self-signed client' },
      ss,
      401,
    ],
    [
      'no certificate',
      { tls_client_auth_subject_dn: 'CN=client-1,O=Example,C=JP' },
      undefined,
      401,
    ],
  ]
  for (const [label, meta, cert, status] of cases) {
    const reg = await h.register(
      issuer,
      plain,
      h.ccClient({
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_certificate_bound_access_tokens: true,
        ...meta,
      }),
    )
    expect(reg.status, label).toBe(201)
    const r = await h.postForm(tokenEp, h.agentFor(as.caPem, cert), {
      grant_type: 'client_credentials',
      client_id: reg.json.client_id,
    })
    expect(r.status, label).toBe(status)
  }
  const reg = await h.register(
    issuer,
    plain,
    h.ccClient({
      token_endpoint_auth_method: 'self_signed_tls_client_auth',
      tls_client_certificate_bound_access_tokens: true,
      jwks: { keys: [await jwkWithX5c(ss)] },
    }),
  )
  expect(reg.status).toBe(201)
  expect(
    (
      await h.postForm(tokenEp, h.agentFor(as.caPem, ss), {
        grant_type: 'client_credentials',
        client_id: reg.json.client_id,
      })
    ).status,
  ).toBe(200)
  expect(
    (
      await h.postForm(tokenEp, h.agentFor(as.caPem, c1), {
        grant_type: 'client_credentials',
        client_id: reg.json.client_id,
      })
    ).status,
  ).toBe(401)
})

test('CIBA poll: authorization_pending, then a token after interval; unauthenticated backchannel refused', async () => {
  const key = await h.signingKey('ES256')
  for (const p of ['ciba', 'fapi-ciba'] as const) {
    const issuer = as.issuers[p]
    const cert = await h.bindingCert()
    const agent = h.agentFor(as.caPem, cert)
    const reg = await h.register(issuer, agent, {
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      backchannel_token_delivery_mode: 'poll',
      ...(p === 'fapi-ciba'
        ? {
            tls_client_certificate_bound_access_tokens: true,
            backchannel_authentication_request_signing_alg: 'ES256',
          }
        : {}),
    })
    expect(reg.status, JSON.stringify(reg.json)).toBe(201)
    const id = reg.json.client_id
    const auth = async () => ({
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    const params = { scope: 'openid', login_hint: 'alice', binding_message: 'FAPI-HARNESS' }
    if (p === 'fapi-ciba') {
      // FAPI-CIBA §5.2.2 item 6: backchannel requests are signed (CIBA §7.1.1); a plain one is refused
      const plain = await h.postForm(`${issuer}/backchannel`, agent, {
        ...params,
        ...(await auth()),
      })
      expect(plain.status).toBe(400)
      const now = Math.floor(Date.now() / 1000)
      const long = await h.assertion(key, id, issuer, {
        sub: undefined,
        ...params,
        nbf: now,
        exp: now + 3900,
      })
      expect(
        (await h.postForm(`${issuer}/backchannel`, agent, { request: long, ...(await auth()) }))
          .status,
        'a request object living over 60 minutes (§5.2.2 item 9)',
      ).toBe(400)
    }
    const request =
      p === 'fapi-ciba'
        ? {
            request: await h.assertion(key, id, issuer, {
              sub: undefined,
              ...params,
              nbf: Math.floor(Date.now() / 1000),
              exp: Math.floor(Date.now() / 1000) + 300,
            }),
          }
        : params
    const ba = await h.postForm(`${issuer}/backchannel`, agent, { ...request, ...(await auth()) })
    expect(ba.status, JSON.stringify(ba.json)).toBe(200)
    expect(ba.json.auth_req_id).toBeTruthy()
    expect(ba.json.interval).toBe(1)
    const poll = async () =>
      h.postForm(`${issuer}/token`, agent, {
        grant_type: 'urn:openid:params:grant-type:ciba',
        auth_req_id: ba.json.auth_req_id,
        client_assertion_type: h.ASSERTION_TYPE,
        client_assertion: await h.assertion(key, id, issuer),
      })
    const first = await poll()
    expect(first.status).toBe(400)
    expect(first.json.error).toBe('authorization_pending')
    await h.sleep(ba.json.interval * 1000)
    const second = await poll()
    expect(second.status).toBe(200)
    expect(second.json.id_token).toBeTruthy()
    const unauth = await h.postForm(`${issuer}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'alice',
      client_id: id,
    })
    expect(unauth.status).toBe(401)
    expect(unauth.json.error).toBe('invalid_client')
  }
  // public CIBA clients are refused at registration
  const r = await h.register(as.issuers.ciba, h.agentFor(as.caPem), {
    grant_types: ['urn:openid:params:grant-type:ciba'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'none',
    backchannel_token_delivery_mode: 'poll',
  })
  expect(r.status).toBe(400)
})

test('behind a TLS-terminating proxy: certificate from a header, issuers from publicOrigin', async () => {
  const proxied = await startReferenceAS({
    profiles: ['fapi1-advanced'],
    tlsTermination: { header: 'x-ssl-cert' },
    publicOrigin: 'https://as.example:8443',
  })
  try {
    expect(proxied.issuers['fapi1-advanced']).toBe('https://as.example:8443/fapi1-advanced')
    expect(proxied.listenOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { Agent } = await import('undici')
    const agent = new Agent()
    const base = `${proxied.listenOrigin}/fapi1-advanced`
    const d = await h.getJson(`${base}/.well-known/openid-configuration`, agent, {
      host: 'whatever:1',
    })
    expect(d.json.token_endpoint).toBe('https://as.example:8443/fapi1-advanced/token')
    const c1 = await issueClientCert(proxied.clientCa!, { subject: 'CN=proxied client' })
    const reg = await h.register(
      base,
      agent,
      h.ccClient({
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=proxied client',
        tls_client_certificate_bound_access_tokens: true,
      }),
    )
    expect(reg.status).toBe(201)
    const header = { 'x-ssl-cert': encodeURIComponent(c1.certPem) }
    const ok = await h.postForm(
      `${base}/token`,
      agent,
      { grant_type: 'client_credentials', client_id: reg.json.client_id },
      header,
    )
    expect(ok.status).toBe(200)
    const res = await h.getJson(`${base}/resource`, agent, {
      ...header,
      authorization: `Bearer ${ok.json.access_token}`,
    })
    expect(res.status).toBe(200)
    const foreign = await issueClientCert(await createCa('CN=other'), {
      subject: 'CN=proxied client',
    })
    const bad = await h.postForm(
      `${base}/token`,
      agent,
      { grant_type: 'client_credentials', client_id: reg.json.client_id },
      { 'x-ssl-cert': encodeURIComponent(foreign.certPem) },
    )
    expect(bad.status).toBe(401)
    await agent.close()
  } finally {
    await proxied.close()
  }
})

test('child process: serve.ts prints one JSON line and stops on close()', async () => {
  const t = performance.now()
  const child = await startReferenceASProcess({ profiles: ['oidc'] })
  test
    .info()
    .annotations.push({ type: 'child-start-ms', description: (performance.now() - t).toFixed(0) })
  try {
    const d = await h.discovery(child.issuers.oidc, h.agentFor(child.caPem))
    expect(d.issuer).toBe(child.issuers.oidc)
    expect(child.clientCa).toBeTruthy()
  } finally {
    await child.close()
  }
  expect(() => process.kill(child.pid, 0)).toThrow()
})

test('loopback fixtures: jwks_uri client and CIBA ping notification to a harness endpoint', async () => {
  const https = await import('node:https')
  const { issueServerCert } = await import('../../../src/crypto/certs.js')
  const key = await h.signingKey('ES256', 'jwks-uri')
  const tlsCert = await issueServerCert(await createCa('CN=fixture CA'), { ips: ['127.0.0.1'] })
  const pings: Array<{ auth: string | undefined; body: string }> = []
  let notified!: () => void
  const gotPing = new Promise<void>((r) => (notified = r))
  const server = https.createServer({ key: tlsCert.keyPem, cert: tlsCert.certPem }, (req, res) => {
    if (req.url === '/jwks') {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ keys: [key.publicJwk] }))
      return
    }
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      pings.push({ auth: req.headers.authorization, body })
      res.statusCode = 204
      res.end()
      notified()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const fixture = `https://127.0.0.1:${(server.address() as { port: number }).port}`
  try {
    const issuer = as.issuers.ciba
    const agent = h.agentFor(as.caPem)
    const reg = await h.register(issuer, agent, {
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: `${fixture}/jwks`,
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: `${fixture}/notify`,
    })
    expect(reg.status, JSON.stringify(reg.json)).toBe(201)
    const id = reg.json.client_id
    const ba = await h.postForm(`${issuer}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'carol',
      client_notification_token: 'notify-me-123',
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    expect(ba.status, JSON.stringify(ba.json)).toBe(200)
    await gotPing
    expect(pings[0]!.auth).toBe('Bearer notify-me-123')
    expect(JSON.parse(pings[0]!.body).auth_req_id).toBe(ba.json.auth_req_id)
    const tok = await h.postForm(`${issuer}/token`, agent, {
      grant_type: 'urn:openid:params:grant-type:ciba',
      auth_req_id: ba.json.auth_req_id,
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    expect(tok.status).toBe(200)
  } finally {
    server.close()
    server.closeAllConnections()
  }
})

test('CIBA push: tokens delivered to the client notification endpoint, ID Token bound with at_hash and auth_req_id; the push client cannot poll; FAPI-CIBA refuses push', async () => {
  const https = await import('node:https')
  const { createHash } = await import('node:crypto')
  const { decodeJwt } = await import('jose')
  const { issueServerCert } = await import('../../../src/crypto/certs.js')
  const key = await h.signingKey('ES256', 'push')
  const tlsCert = await issueServerCert(await createCa('CN=fixture CA'), { ips: ['127.0.0.1'] })
  const pushes: Array<{ auth: string | undefined; type: string | undefined; body: string }> = []
  let notified!: () => void
  const gotPush = new Promise<void>((r) => (notified = r))
  const server = https.createServer({ key: tlsCert.keyPem, cert: tlsCert.certPem }, (req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      pushes.push({ auth: req.headers.authorization, type: req.headers['content-type'], body })
      res.statusCode = 204
      res.end()
      notified()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const fixture = `https://127.0.0.1:${(server.address() as { port: number }).port}`
  try {
    const agent = h.agentFor(as.caPem)
    const metadata = {
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      backchannel_token_delivery_mode: 'push',
      backchannel_client_notification_endpoint: `${fixture}/notify`,
    }
    const refused = await h.register(as.issuers['fapi-ciba'], agent, {
      ...metadata,
      tls_client_certificate_bound_access_tokens: true,
    })
    expect(refused.status, JSON.stringify(refused.json)).toBe(400)
    expect(refused.json.error).toBe('invalid_client_metadata')
    const issuer = as.issuers.ciba
    const reg = await h.register(issuer, agent, metadata)
    expect(reg.status, JSON.stringify(reg.json)).toBe(201)
    expect(reg.json.backchannel_token_delivery_mode).toBe('push')
    const id = reg.json.client_id
    const noToken = await h.postForm(`${issuer}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'carol',
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    expect(noToken.status).toBe(400)
    const ba = await h.postForm(`${issuer}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'carol',
      client_notification_token: 'push-me-123',
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    expect(ba.status, JSON.stringify(ba.json)).toBe(200)
    const poll = await h.postForm(`${issuer}/token`, agent, {
      grant_type: 'urn:openid:params:grant-type:ciba',
      auth_req_id: ba.json.auth_req_id,
      client_assertion_type: h.ASSERTION_TYPE,
      client_assertion: await h.assertion(key, id, issuer),
    })
    expect(poll.status).toBe(400)
    expect(poll.json.error).toBe('unauthorized_client')
    await gotPush
    expect(pushes[0]!.auth).toBe('Bearer push-me-123')
    expect(pushes[0]!.type).toMatch(/^application\/json/)
    const body = JSON.parse(pushes[0]!.body)
    expect(body).toMatchObject({ auth_req_id: ba.json.auth_req_id, token_type: 'Bearer' })
    expect(typeof body.access_token).toBe('string')
    expect(body.expires_in).toBeGreaterThan(0)
    const claims = decodeJwt(body.id_token)
    expect(claims['urn:openid:params:jwt:claim:auth_req_id']).toBe(ba.json.auth_req_id)
    expect(claims.aud).toBe(id)
    expect(claims.sub).toBe('carol')
    const digest = createHash('sha256').update(body.access_token).digest()
    expect(claims.at_hash).toBe(digest.subarray(0, 16).toString('base64url'))
  } finally {
    server.close()
    server.closeAllConnections()
  }
})
