/**
 * Every alternative-correct server (test/alternatives) really behaves as its file says. For each, a
 * direct request (undici + jose, independent of the harness) shows the alternative behaviour on
 * each of its profiles, together with the path that must still work (e.g. a registration WITH
 * redirect_uris succeeds), while the same probe against the reference AS does not show it, except
 * on the profiles where the reference AS already behaves that way (`SAME_AS_REFERENCE`).
 */
import { createHash, randomUUID } from 'node:crypto'
import { chromium, expect, test } from '@playwright/test'
import { SignJWT, type JWK } from 'jose'
import { startReferenceAS, type ReferenceAS } from '../../../src/reference-as/index.js'
import { BrowserSession, CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../../src/suite/browser.js'
import type { ProfileId } from '../../../src/suite/profile.js'
import { ALTERNATIVES, REQUIRED_SCOPE } from '../../alternatives/index.js'
import {
  SHORT_CODE_LIFETIME_S,
  SHORT_REQUEST_URI_LIFETIME_S,
} from '../../alternatives/short-code-lifetime.js'
import * as h from './helpers.js'

const BOUND = new Set<ProfileId>(['fapi1-advanced', 'fapi2-security', 'fapi-ciba'])
const CIBA = new Set<ProfileId>(['ciba', 'fapi-ciba'])
/** Where the reference AS requires signed authentication requests (FAPI-CIBA §5.2.2). */
const SIGNED_CIBA = new Set<ProfileId>(['fapi-ciba'])
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba'
const REDIRECT = 'https://client.example/cb'

/** A probe returns true when it observes the alternative behaviour at `profile` of `as`. */
type Probe = (as: ReferenceAS, profile: ProfileId) => Promise<boolean>

const bound = (p: ProfileId) =>
  BOUND.has(p) ? { tls_client_certificate_bound_access_tokens: true } : {}

/** A private_key_jwt client (client_credentials, or `extra` grants) and an agent presenting the binding certificate. */
async function pkjwt(as: ReferenceAS, p: ProfileId, extra: Record<string, unknown> = {}) {
  const issuer = as.issuers[p]
  const agent = h.agentFor(as.caPem, await h.bindingCert())
  const key = await h.signingKey('PS256')
  const id = await h.registerPkjwt(issuer, agent, key, BOUND.has(p), extra)
  return { issuer, agent, key, id, tokenEp: `${issuer}/token` }
}

/**
 * A CIBA backchannel authentication request by a fresh private_key_jwt client; where signed
 * requests are required (fapi-ciba, FAPI-CIBA §5.2.2) the parameters go into a request object.
 */
async function backchannel(
  as: ReferenceAS,
  p: ProfileId,
  params: Record<string, string>,
): Promise<h.Reply> {
  const c = await pkjwt(as, p, {
    grant_types: [CIBA_GRANT],
    backchannel_token_delivery_mode: 'poll',
    ...(SIGNED_CIBA.has(p) ? { backchannel_authentication_request_signing_alg: 'PS256' } : {}),
  })
  const now = Math.floor(Date.now() / 1000)
  const form = SIGNED_CIBA.has(p)
    ? {
        request: await new SignJWT({
          ...params,
          iss: c.id,
          aud: c.issuer,
          iat: now,
          nbf: now,
          exp: now + 300,
          jti: randomUUID(),
        })
          .setProtectedHeader({ alg: 'PS256', kid: c.key.publicJwk.kid! })
          .sign(c.key.privateKey),
      }
    : params
  return h.postForm(`${c.issuer}/backchannel`, c.agent, {
    ...form,
    client_assertion_type: h.ASSERTION_TYPE,
    client_assertion: await h.assertion(c.key, c.id, c.issuer),
  })
}

/** A pushed authorization request (RFC 9126) by a fresh private_key_jwt client whose assertion has `aud`. */
async function pushedRequest(as: ReferenceAS, p: ProfileId, aud: string): Promise<h.Reply> {
  // FAPI 1.0 Part 2 §5.2.2-2: code id_token (or JARM) where the profile is fapi1-advanced
  const responseType = p === 'fapi1-advanced' ? 'code id_token' : 'code'
  const grants =
    responseType === 'code' ? ['authorization_code'] : ['authorization_code', 'implicit']
  const c = await pkjwt(as, p, {
    grant_types: grants,
    response_types: [responseType],
    redirect_uris: [REDIRECT],
  })
  const challenge = createHash('sha256')
    .update('fapi-harness-probe-verifier-0123456789abcdefghijklmnop')
    .digest('base64url')
  const params = {
    client_id: c.id,
    response_type: responseType,
    scope: 'openid',
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state',
    nonce: 'nonce',
  }
  // FAPI 1.0 Part 2 §5.2.2-1: a signed request object where the profile is fapi1-advanced (the reference AS requires one at PAR too)
  const now = Math.floor(Date.now() / 1000)
  const form =
    p === 'fapi1-advanced'
      ? {
          client_id: c.id,
          request: await new SignJWT({
            ...params,
            iss: c.id,
            aud: c.issuer,
            iat: now,
            nbf: now,
            exp: now + 300,
            jti: randomUUID(),
          })
            .setProtectedHeader({ alg: 'PS256', kid: c.key.publicJwk.kid! })
            .sign(c.key.privateKey),
        }
      : params
  return h.postForm(`${c.issuer}/request`, c.agent, {
    ...form,
    client_assertion_type: h.ASSERTION_TYPE,
    client_assertion: await h.assertion(c.key, c.id, aud),
  })
}

/** A private_key_jwt client bound by DPoP (`dpop_bound_access_tokens`), with no client certificate (one binding only). */
async function dpopClient(as: ReferenceAS, p: ProfileId) {
  const issuer = as.issuers[p]
  const agent = h.agentFor(as.caPem)
  const key = await h.signingKey('PS256')
  const id = await h.registerPkjwt(issuer, agent, key, false, { dpop_bound_access_tokens: true })
  return {
    issuer,
    agent,
    key,
    id,
    tokenEp: `${issuer}/token`,
    proofKey: await h.signingKey('ES256', 'dpop'),
  }
}

/** A DPoP proof (RFC 9449 §4.2) for a POST to `htu`, with the server's nonce where given. */
async function dpopProof(
  key: { privateKey: CryptoKey; publicJwk: JWK },
  htu: string,
  nonce?: string,
): Promise<string> {
  const { kid: _kid, use: _use, ...jwk } = key.publicJwk
  return new SignJWT({
    htm: 'POST',
    htu,
    iat: Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    ...(nonce ? { nonce } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .sign(key.privateKey)
}

/**
 * The authorization code flow of a fresh client_secret_basic client, logged in through the reference
 * AS's own login and consent pages in Chromium (the redirect to the client is caught, never sent);
 * the code is exchanged `delayMs` after it was issued. Returns the token endpoint's reply.
 */
async function codeExchangedAfter(
  as: ReferenceAS,
  p: ProfileId,
  delayMs: number,
): Promise<h.Reply> {
  const issuer = as.issuers[p]
  const agent = h.agentFor(as.caPem)
  const reg = await h.register(issuer, agent, {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'client_secret_basic',
  })
  if (reg.status !== 201) throw new Error(`registration at ${issuer} failed: ${reg.status}`)
  const verifier = randomUUID() + randomUUID()
  const auth = new URL(`${issuer}/auth`)
  auth.search = new URLSearchParams({
    client_id: reg.json.client_id,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: REDIRECT,
    state: 'probe-state',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  // the harness's own browser session (Chromium's Fetch interception catches the redirect to the
  // client, which a Playwright route does not see in every Chromium build)
  const browser = await chromium.launch({
    executablePath: process.env.FAPI_HARNESS_CHROMIUM || DEFAULT_CHROMIUM,
    args: CHROMIUM_ARGS,
  })
  let code: string | undefined
  try {
    const session = new BrowserSession(async () => browser, {
      insecure: true,
      timeoutMs: 15_000,
      allowedOrigins: [],
      credentials: { username: 'alice', password: 'probe' },
    })
    const r = await session.login(auth.toString(), { redirectUri: REDIRECT })
    await session.close()
    if (!r.ok) throw new Error(`login failed at ${r.step}: ${r.reason}`)
    code = r.params.code
  } finally {
    await browser.close()
  }
  if (!code) throw new Error('no code in the authorization response')
  await h.sleep(delayMs)
  return h.postForm(
    `${issuer}/token`,
    agent,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
    { authorization: h.basic(reg.json.client_id, reg.json.client_secret) },
  )
}

/**
 * An authorization request pushed (RFC 9126 §2) by a fresh client_secret_basic client, and its
 * request_uri sent to the authorization endpoint `delayMs` later (the answer not followed: a
 * redirect to the login interaction, or an error page): both answers.
 */
async function requestUriUsedAfter(
  as: ReferenceAS,
  p: ProfileId,
  delayMs: number,
): Promise<{ pushed: h.Reply; auth: h.Reply }> {
  const issuer = as.issuers[p]
  const agent = h.agentFor(as.caPem)
  const reg = await h.register(issuer, agent, {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'client_secret_basic',
  })
  if (reg.status !== 201) throw new Error(`registration at ${issuer} failed: ${reg.status}`)
  const challenge = createHash('sha256')
    .update(randomUUID() + randomUUID())
    .digest('base64url')
  const pushed = await h.postForm(
    `${issuer}/request`,
    agent,
    {
      client_id: reg.json.client_id,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT,
      state: 'probe-state',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    },
    { authorization: h.basic(reg.json.client_id, reg.json.client_secret) },
  )
  if (pushed.status !== 201)
    throw new Error(
      `the pushed authorization request at ${issuer} failed: ${pushed.status} ${JSON.stringify(pushed.json)}`,
    )
  await h.sleep(delayMs)
  const auth = await h.getJson(
    `${issuer}/auth?${new URLSearchParams({ client_id: reg.json.client_id, request_uri: pushed.json.request_uri })}`,
    agent,
  )
  return { pushed, auth }
}

const isError = (r: h.Reply, status: number, error: string) =>
  r.status === status && r.json?.error === error
const basicChallenge = (r: h.Reply) =>
  /^Basic realm="/.test(String(r.headers['www-authenticate'] ?? ''))

const PROBES: Record<string, Probe> = {
  'requires-redirect-uris': async (as, p) => {
    const key = await h.signingKey('PS256')
    const metadata = h.ccClient({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      ...bound(p),
    })
    const without = await h.register(as.issuers[p], h.agentFor(as.caPem), metadata)
    const withUris = await h.register(as.issuers[p], h.agentFor(as.caPem), {
      ...metadata,
      redirect_uris: [REDIRECT],
    })
    return isError(without, 400, 'invalid_redirect_uri') && withUris.status === 201
  },

  'requires-scope': async (as, p) => {
    const c = await pkjwt(as, p)
    const without = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
    )
    const withScope = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
      { scope: REQUIRED_SCOPE },
    )
    const d = await h.discovery(c.issuer, c.agent)
    let ciba = true
    if (CIBA.has(p)) {
      const noScope = await backchannel(as, p, { login_hint: 'alice' })
      const withScope = await backchannel(as, p, { login_hint: 'alice', scope: 'openid' })
      ciba = isError(noScope, 400, 'invalid_scope') && withScope.status === 200
    }
    return (
      isError(without, 400, 'invalid_scope') &&
      withScope.status === 200 &&
      withScope.json.scope === REQUIRED_SCOPE &&
      d.scopes_supported.includes(REQUIRED_SCOPE) &&
      ciba
    )
  },

  'no-client-credentials': async (as, p) => {
    const d = await h.discovery(as.issuers[p], h.agentFor(as.caPem))
    const key = await h.signingKey('PS256')
    const jwt = {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      ...bound(p),
    }
    const cc = await h.register(as.issuers[p], h.agentFor(as.caPem), h.ccClient(jwt))
    // other grants are still offered
    const code = await h.register(as.issuers[p], h.agentFor(as.caPem), {
      ...jwt,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [REDIRECT],
    })
    return (
      !d.grant_types_supported.includes('client_credentials') &&
      isError(cc, 400, 'invalid_client_metadata') &&
      code.status === 201
    )
  },

  'issuer-only-aud': async (as, p) => {
    const c = await pkjwt(as, p)
    const issuer = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
    )
    const tokenEp = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.tokenEp),
    )
    // RFC 9126 §2: the pushed authorization request endpoint still accepts the three values
    const par = await Promise.all(
      [c.tokenEp, `${c.issuer}/request`].map((aud) => pushedRequest(as, p, aud)),
    )
    return (
      issuer.status === 200 &&
      isError(tokenEp, 401, 'invalid_client') &&
      par.every((r) => r.status === 201)
    )
  },

  'two-methods-401': async (as, p) => {
    const c = await pkjwt(as, p)
    const r = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
      {},
      { authorization: h.basic(c.id, 'not-a-secret') },
    )
    const alone = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
    )
    return isError(r, 401, 'invalid_client') && basicChallenge(r) && alone.status === 200
  },

  'subject-dn-only': async (as, p) => {
    const reg = (member: Record<string, string>) =>
      h.register(
        as.issuers[p],
        h.agentFor(as.caPem),
        h.ccClient({ token_endpoint_auth_method: 'tls_client_auth', ...member, ...bound(p) }),
      )
    const san = await reg({ tls_client_auth_san_dns: 'client.example' })
    const dn = await reg({ tls_client_auth_subject_dn: 'CN=client,O=example' })
    return isError(san, 400, 'invalid_client_metadata') && dn.status === 201
  },

  'no-introspection': async (as, p) => {
    const c = await pkjwt(as, p)
    const d = await h.discovery(c.issuer, c.agent)
    const token = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
    )
    const accessToken: string = token.json?.access_token ?? ''
    // the binding is still enforced by the protected resource (and seen only there)
    const resource = await h.getJson(`${c.issuer}/resource`, c.agent, {
      authorization: `Bearer ${accessToken}`,
    })
    const opaque = accessToken.length > 0 && accessToken.split('.').length !== 3
    const boundOk = !BOUND.has(p) || resource.json?.cnf?.['x5t#S256'] !== undefined
    return d.introspection_endpoint === undefined && opaque && resource.status === 200 && boundOk
  },

  'replaces-none': async (as, p) => {
    const agent = h.agentFor(as.caPem, await h.bindingCert())
    const reg = await h.register(
      as.issuers[p],
      agent,
      h.ccClient({ token_endpoint_auth_method: 'none', ...bound(p) }),
    )
    if (isError(reg, 400, 'invalid_client_metadata'))
      return !(
        await h.discovery(as.issuers[p], agent)
      ).token_endpoint_auth_methods_supported.includes('client_secret_basic')
    if (
      reg.status !== 201 ||
      reg.json.token_endpoint_auth_method !== 'client_secret_basic' ||
      !reg.json.client_secret
    )
      return false
    const r = await h.postForm(
      `${as.issuers[p]}/token`,
      agent,
      { grant_type: 'client_credentials' },
      { authorization: h.basic(reg.json.client_id, reg.json.client_secret) },
    )
    return r.status === 200
  },

  'dpop-nonce': async (as, p) => {
    const c = await dpopClient(as, p)
    const first = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
      {},
      { dpop: await dpopProof(c.proofKey, c.tokenEp) },
    )
    const nonce = first.headers['dpop-nonce']
    if (!isError(first, 400, 'use_dpop_nonce') || typeof nonce !== 'string') return false
    // RFC 9449 §8: the proof carrying the nonce it was given succeeds
    const second = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
      {},
      { dpop: await dpopProof(c.proofKey, c.tokenEp, nonce) },
    )
    return second.status === 200 && second.json?.token_type === 'DPoP'
  },

  'dpop-only': async (as, p) => {
    const c = await dpopClient(as, p)
    const d = await h.discovery(c.issuer, c.agent)
    const r = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, c.issuer),
      {},
      { dpop: await dpopProof(c.proofKey, c.tokenEp) },
    )
    return (
      d.tls_client_certificate_bound_access_tokens !== true &&
      (d.dpop_signing_alg_values_supported ?? []).length > 0 &&
      r.status === 200 &&
      r.json?.token_type === 'DPoP'
    )
  },

  // RFC 6749 §4.1.2: the code "MUST expire shortly after it is issued"; this server's after 5 s.
  // RFC 9126 §2.2: the request URI lifetime "will typically be relatively short"; this server's 5 s,
  // as its expires_in says: at once the authorization endpoint goes on to login, 7 s later it refuses
  // (an invalid_request_uri error response at the client's only redirect URI, or an error page)
  'short-code-lifetime': async (as, p) => {
    const atOnce = await codeExchangedAfter(as, p, 0)
    const late = await codeExchangedAfter(as, p, (SHORT_CODE_LIFETIME_S + 2) * 1000)
    const uriAtOnce = await requestUriUsedAfter(as, p, 0)
    const uriLate = await requestUriUsedAfter(as, p, (SHORT_REQUEST_URI_LIFETIME_S + 2) * 1000)
    const refused = (r: h.Reply) =>
      r.status === 400 ||
      (r.status === 303 &&
        new URL(String(r.headers.location), REDIRECT).searchParams.get('error') ===
          'invalid_request_uri')
    const short =
      uriAtOnce.pushed.json?.expires_in === SHORT_REQUEST_URI_LIFETIME_S &&
      uriAtOnce.auth.status === 303 &&
      !refused(uriAtOnce.auth) &&
      refused(uriLate.auth)
    return atOnce.status === 200 && isError(late, 400, 'invalid_grant') && short
  },

  'all-auth-failures-401': async (as, p) => {
    const c = await pkjwt(as, p)
    const wrongAud = await h.tokenWithAssertion(
      c.tokenEp,
      c.agent,
      await h.assertion(c.key, c.id, 'https://other-server.example/token'),
    )
    const revocation = await h.postForm(`${c.issuer}/token/revocation`, c.agent, {
      token: 'not-a-token',
      client_id: c.id,
    })
    return [wrongAud, revocation].every(
      (r) => isError(r, 401, 'invalid_client') && basicChallenge(r),
    )
  },
}

/** Profiles where the reference AS already behaves as the alternative does (so the probe cannot tell them apart). */
const SAME_AS_REFERENCE: Partial<Record<string, ProfileId[]>> = {
  // none is not an enabled method there: the reference AS refuses it with invalid_client_metadata too
  'replaces-none': ['fapi1-baseline', 'fapi1-advanced', 'fapi2-security', 'fapi-ciba'],
}

let correct: ReferenceAS
test.beforeAll(async () => {
  correct = await startReferenceAS()
})
test.afterAll(async () => {
  await correct?.close()
})

test('every alternative has a probe, quotes its clause and expects no failure', () => {
  const ids = ALTERNATIVES.map((a) => a.id)
  expect(Object.keys(PROBES).sort()).toEqual([...ids].sort())
  for (const a of ALTERNATIVES) {
    expect(a.why, a.id).toMatch(/".+"/)
    expect(a.module, a.id).toBeTruthy()
    expect(a.expectFailures, a.id).toEqual({})
    expect(a.sourcePatches ?? [], `${a.id} runs in process`).toEqual([])
  }
})

for (const alt of ALTERNATIVES) {
  test(`alternative ${alt.id} behaves as described (${alt.profiles.join(', ')})`, async () => {
    const probe = PROBES[alt.id]!
    const same = new Set(SAME_AS_REFERENCE[alt.id] ?? [])
    for (const p of alt.profiles) {
      expect(
        await probe(correct, p),
        `the reference AS ${same.has(p) ? 'already shows' : 'shows'} the behaviour of ${alt.id} at ${p}`,
      ).toBe(same.has(p))
    }
    const as = await startReferenceAS({ mutant: alt, profiles: alt.profiles })
    try {
      for (const p of alt.profiles) expect(await probe(as, p), `${alt.id} at ${p}`).toBe(true)
    } finally {
      await as.close()
    }
  })
}
