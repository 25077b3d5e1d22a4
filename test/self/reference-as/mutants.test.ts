/**
 * Phase 2: every mutant really switches its rule off. For each mutant a direct request (undici +
 * jose) shows the broken behaviour on the mutant's profile, while the same request against the
 * correct server (and, for source-patched mutants, against an unaffected sibling profile of the
 * same child process) shows the correct behaviour.
 */
import { expect, test } from '@playwright/test'
import { startReferenceAS, type ReferenceAS } from '../../../src/reference-as/index.js'
import { startReferenceASProcess } from '../../../src/reference-as/process.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import { MUTANTS, needsChildProcess } from '../../mutants/index.js'
import * as h from './helpers.js'

const BOUND = new Set<ProfileId>(['fapi1-advanced', 'fapi2-security', 'fapi-ciba'])

/** A probe returns true when it observes the broken behaviour at `profile` of `as`. */
type Probe = (as: ReferenceAS, profile: ProfileId) => Promise<boolean>

async function pkjwtClient(
  as: ReferenceAS,
  profile: ProfileId,
  alg: h.SigningKey['alg'] = 'PS256',
  extra: Record<string, unknown> = {},
) {
  const issuer = as.issuers[profile]
  const agent = h.agentFor(as.caPem, await h.bindingCert())
  const key = await h.signingKey(alg)
  const id = await h.registerPkjwt(issuer, agent, key, BOUND.has(profile), extra)
  return {
    issuer,
    agent,
    key,
    id,
    tokenEp: `${issuer}/token`,
    aud: profile === 'fapi2-security' ? issuer : `${issuer}/token`,
  }
}

async function acceptedWith(
  as: ReferenceAS,
  profile: ProfileId,
  claims: h.Claims = {},
  alg: h.SigningKey['alg'] = 'PS256',
): Promise<boolean> {
  const c = await pkjwtClient(as, profile, alg)
  const r = await h.tokenWithAssertion(
    c.tokenEp,
    c.agent,
    await h.assertion(c.key, c.id, c.aud, claims),
  )
  return r.status === 200
}

async function registers(as: ReferenceAS, profile: ProfileId, metadata: Record<string, unknown>) {
  return h.register(as.issuers[profile], h.agentFor(as.caPem), metadata)
}

const now = () => Math.floor(Date.now() / 1000)

const PROBES: Record<string, Probe> = {
  'accepts-rs256': async (as, p) => acceptedWith(as, p, {}, 'RS256'),

  'accepts-client-secret-basic': async (as, p) => {
    const agent = h.agentFor(as.caPem, await h.bindingCert())
    const reg = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({
        token_endpoint_auth_method: 'client_secret_basic',
        tls_client_certificate_bound_access_tokens: true,
      }),
    )
    if (reg.status !== 201) return false
    const r = await h.postForm(
      `${as.issuers[p]}/token`,
      agent,
      { grant_type: 'client_credentials' },
      { authorization: h.basic(reg.json.client_id, reg.json.client_secret) },
    )
    return r.status === 200
  },

  'accepts-client-secret-jwt': async (as, p) => {
    const agent = h.agentFor(as.caPem, await h.bindingCert())
    const reg = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({
        token_endpoint_auth_method: 'client_secret_jwt',
        tls_client_certificate_bound_access_tokens: true,
      }),
    )
    if (reg.status !== 201) return false
    const jwt = h.hs256Assertion(
      reg.json.client_id,
      `${as.issuers[p]}/token`,
      reg.json.client_secret,
    )
    return (await h.tokenWithAssertion(`${as.issuers[p]}/token`, agent, jwt)).status === 200
  },

  'accepts-client-secret-post': async (as, p) => {
    const agent = h.agentFor(as.caPem)
    const reg = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({ token_endpoint_auth_method: 'client_secret_post' }),
    )
    if (reg.status !== 201) return false
    const r = await h.postForm(`${as.issuers[p]}/token`, agent, {
      grant_type: 'client_credentials',
      client_id: reg.json.client_id,
      client_secret: reg.json.client_secret,
    })
    return r.status === 200
  },

  'forgets-jti': async (as, p) => {
    const c = await pkjwtClient(as, p)
    const jwt = await h.assertion(c.key, c.id, c.aud)
    const first = await h.tokenWithAssertion(c.tokenEp, c.agent, jwt)
    const second = await h.tokenWithAssertion(c.tokenEp, c.agent, jwt)
    return first.status === 200 && second.status === 200
  },

  'accepts-any-aud': async (as, p) =>
    acceptedWith(as, p, { aud: 'https://other-server.example/token' }),

  'refuses-issuer-aud': async (as, p) => !(await acceptedWith(as, p, { aud: as.issuers[p] })),

  'accepts-token-endpoint-aud': async (as, p) =>
    acceptedWith(as, p, { aud: `${as.issuers[p]}/token` }),

  'accepts-two-methods': async (as, p) => {
    const c = await pkjwtClient(as, p)
    const r = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.aud),
      {},
      { authorization: h.basic(c.id, 'not-a-secret') },
    )
    return r.status === 200
  },

  'accepts-expired-assertion': async (as, p) =>
    acceptedWith(as, p, { iat: now() - 7200, exp: now() - 3600 }),
  'accepts-missing-jti': async (as, p) => acceptedWith(as, p, { jti: undefined }),
  'accepts-missing-exp': async (as, p) => acceptedWith(as, p, { exp: undefined }),
  'accepts-wrong-iss': async (as, p) => acceptedWith(as, p, { iss: 'not-the-client' }),
  'accepts-wrong-sub': async (as, p) => acceptedWith(as, p, { sub: 'not-the-client' }),

  'accepts-unregistered-key': async (as, p) => {
    const c = await pkjwtClient(as, p)
    const other = await h.signingKey('PS256', 'unregistered')
    const r = await h.tokenWithAssertion(c.tokenEp, c.agent, await h.assertion(other, c.id, c.aud))
    return r.status === 200
  },

  'accepts-unsigned-assertion': async (as, p) => {
    const c = await pkjwtClient(as, p)
    return (
      (await h.tokenWithAssertion(c.tokenEp, c.agent, h.unsignedAssertion(c.id, c.aud))).status ===
      200
    )
  },

  'accepts-hs256-public-key': async (as, p) => {
    const c = await pkjwtClient(as, p)
    const r = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      h.hs256Assertion(c.id, c.aud, JSON.stringify(c.key.publicJwk), c.key.publicJwk.kid),
    )
    return r.status === 200
  },

  'accepts-rsa-1024': async (as, p) => {
    const small = await h.rsa1024()
    const agent = h.agentFor(as.caPem, await h.bindingCert())
    const reg = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [small.publicJwk] },
        ...(BOUND.has(p) ? { tls_client_certificate_bound_access_tokens: true } : {}),
      }),
    )
    if (reg.status !== 201) return false
    const r = await h.tokenWithAssertion(
      `${as.issuers[p]}/token`,
      agent,
      h.ps256WithPem(small.pem, reg.json.client_id, `${as.issuers[p]}/token`, 'rsa1024'),
    )
    return r.status === 200
  },

  'accepts-public-client-credentials': async (as, p) => {
    const reg = await registers(as, p, h.ccClient({ token_endpoint_auth_method: 'none' }))
    if (reg.status !== 201) return false
    const r = await h.postForm(`${as.issuers[p]}/token`, h.agentFor(as.caPem), {
      grant_type: 'client_credentials',
      client_id: reg.json.client_id,
    })
    return r.status === 200
  },

  'accepts-public-client': async (as, p) => {
    const reg = await registers(as, p, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['https://client.example/cb'],
    })
    return reg.status === 201
  },

  'lists-none-alg': async (as, p) => {
    const d = await h.discovery(as.issuers[p], h.agentFor(as.caPem))
    // only the metadata lies: unsigned assertions are still refused
    const c = await pkjwtClient(as, p)
    const unsigned = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      h.unsignedAssertion(c.id, c.aud),
    )
    expect(unsigned.status).toBe(401)
    return d.token_endpoint_auth_signing_alg_values_supported.includes('none')
  },

  'lists-forbidden-method': async (as, p) => {
    const d = await h.discovery(as.issuers[p], h.agentFor(as.caPem))
    const reg = await registers(
      as,
      p,
      h.ccClient({
        token_endpoint_auth_method: 'client_secret_basic',
        tls_client_certificate_bound_access_tokens: true,
      }),
    )
    expect(reg.status).toBe(400)
    return d.token_endpoint_auth_methods_supported.includes('client_secret_basic')
  },

  'ciba-allows-push': async (as, p) => {
    const d = await h.discovery(as.issuers[p], h.agentFor(as.caPem))
    const key = await h.signingKey('ES256')
    const reg = await registers(as, p, {
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      tls_client_certificate_bound_access_tokens: true,
      backchannel_token_delivery_mode: 'push',
      backchannel_client_notification_endpoint: 'https://client.example/notify',
    })
    return (
      d.backchannel_token_delivery_modes_supported.includes('push') &&
      reg.status === 201 &&
      reg.json.backchannel_token_delivery_mode === 'push'
    )
  },

  'ciba-unauthenticated-backchannel': async (as, p) => {
    const key = await h.signingKey('ES256')
    const agent = h.agentFor(as.caPem, await h.bindingCert())
    const reg = await h.register(as.issuers[p], agent, {
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      backchannel_token_delivery_mode: 'poll',
      ...(BOUND.has(p) ? { tls_client_certificate_bound_access_tokens: true } : {}),
    })
    expect(reg.status).toBe(201)
    const r = await h.postForm(`${as.issuers[p]}/backchannel`, agent, {
      scope: 'openid',
      login_hint: 'alice',
      client_id: reg.json.client_id,
    })
    return r.status === 200 && typeof r.json.auth_req_id === 'string'
  },

  'server-error-on-refusal': async (as, p) => {
    const c = await pkjwtClient(as, p)
    const r = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.aud, { iat: now() - 7200, exp: now() - 3600 }),
    )
    return r.status === 500
  },
}

/** For source-patched mutants: an unaffected sibling profile started in the same child process. */
const SIBLING: Partial<Record<string, ProfileId>> = {
  'accepts-missing-jti': 'ciba',
  'accepts-missing-exp': 'oidc',
  'accepts-wrong-iss': 'oauth2',
  'accepts-wrong-sub': 'oauth2',
  'accepts-unregistered-key': 'oidc',
  'accepts-unsigned-assertion': 'oidc',
  'accepts-hs256-public-key': 'oidc',
  'accepts-rsa-1024': 'oauth2',
}

let correct: ReferenceAS
test.beforeAll(async () => {
  correct = await startReferenceAS()
})
test.afterAll(async () => {
  await correct?.close()
})

// Mutants without a direct probe are proven by test/self/mutants.test.ts alone (the harness run
// against them must fail exactly their modules); a probe adds a check independent of the harness.
test('every probe names a catalogued mutant, and every mutant names what it breaks for each of its profiles', () => {
  const ids = MUTANTS.map((m) => m.id)
  for (const id of Object.keys(PROBES)) expect(ids, `probe for unknown mutant ${id}`).toContain(id)
  for (const m of MUTANTS) {
    expect(m.module, m.id).toBeTruthy()
    const named = new Set([
      ...Object.keys(m.expectFailures),
      ...Object.keys(m.expectWarnings ?? {}),
      ...Object.keys(m.expectInfo ?? {}),
      ...Object.keys(m.expectErrors ?? {}),
    ])
    expect([...named].sort(), m.id).toEqual([...m.profiles].sort())
  }
})

for (const mutant of MUTANTS.filter((m) => PROBES[m.id])) {
  test(`mutant ${mutant.id} switches its rule off (${mutant.profiles.join(', ')})`, async () => {
    const probe = PROBES[mutant.id]!
    for (const p of mutant.profiles) {
      expect(
        await probe(correct, p),
        `the correct server already shows the behaviour of ${mutant.id} at ${p}`,
      ).toBe(false)
    }
    const sibling = SIBLING[mutant.id]
    const profiles = [...mutant.profiles, ...(sibling ? [sibling] : [])]
    const t = performance.now()
    const child = needsChildProcess(mutant)
    const broken = child
      ? await startReferenceASProcess({ mutant, profiles })
      : await startReferenceAS({ mutant, profiles })
    test.info().annotations.push({
      type: child ? 'child-start-ms' : 'start-ms',
      description: (performance.now() - t).toFixed(0),
    })
    try {
      for (const p of mutant.profiles) {
        expect(await probe(broken, p), `${mutant.id} at ${p}`).toBe(true)
      }
      if (sibling) {
        expect(await probe(broken, sibling), `${mutant.id} must not leak into ${sibling}`).toBe(
          false,
        )
      }
    } finally {
      await broken.close()
    }
  })
}

test('a source-patched mutant refuses to start in process', async () => {
  const m = MUTANTS.find(needsChildProcess)!
  await expect(startReferenceAS({ mutant: m, profiles: m.profiles })).rejects.toThrow(
    /startReferenceASProcess/,
  )
})

test('a source patch whose search text no longer matches makes the child fail loudly', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = await mkdtemp(join(tmpdir(), 'reference-as-bad-mutant-'))
  const file = join(dir, 'bad-mutant.mjs')
  await writeFile(
    file,
    `export default ${JSON.stringify({
      id: 'bad-patch',
      description: 'search text that does not exist',
      profiles: ['oauth2'],
      expectFailures: {},
      sourcePatches: [
        {
          file: 'jose/dist/webapi/lib/jws_verify.js',
          search: 'this text is not in jose',
          replace: '',
        },
      ],
    })}\n`,
  )
  try {
    await expect(startReferenceASProcess({ mutant: file, profiles: ['oauth2'] })).rejects.toThrow(
      /search text found 0 times/,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
