// Tests the `authorize` step of src/suite/flow.ts: the profile decides how the correct client sends
// its authorization request (plain, a request object by value, pushed) and JARM is read.
import { expect, test } from '@playwright/test'
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose'
import fapi1Advanced from '../../../profiles/fapi1-advanced.js'
import fapi2Security from '../../../profiles/fapi2-security.js'
import oidc from '../../../profiles/oidc.js'
import { getKey } from '../../../src/crypto/keys.js'
import type { BrowserDriver, LoginResult } from '../../../src/suite/browser.js'
import { authorize, authorizationRequestMethod, flowVariant } from '../../../src/suite/flow.js'
import type { TestClient } from '../../../src/client/types.js'
import { ScriptedHttp, scriptedContext } from './_scripted-http.js'
import { generateDpopKey } from '../../../src/client/dpop.js'

const ISSUER = 'https://as.example.com'
const METADATA = {
  issuer: ISSUER,
  token_endpoint: `${ISSUER}/token`,
  authorization_endpoint: `${ISSUER}/auth`,
  pushed_authorization_request_endpoint: `${ISSUER}/par`,
  jwks_uri: `${ISSUER}/jwks`,
}

/** A browser that records the URL it is sent to and answers with `params` at the redirect URI. */
function fakeBrowser(
  params: (url: URL) => Record<string, string>,
): BrowserDriver & { urls: URL[] } {
  const urls: URL[] = []
  return {
    urls,
    deny: undefined,
    async refusal() {
      throw new Error('not used')
    },
    async login(url: string, { redirectUri }): Promise<LoginResult> {
      const u = new URL(url)
      urls.push(u)
      const p = params(u)
      return {
        ok: true,
        callbackUrl: `${redirectUri}?${new URLSearchParams(p)}`,
        params: p,
        pages: [url],
        durationMs: 5,
      }
    },
  }
}

const client = (): TestClient => ({
  client_id: 'client-1',
  token_endpoint_auth_method: 'private_key_jwt',
  key: getKey('RSA-2048', 0),
  source: 'registered',
})

test('authorizationRequestMethod: oidc plain, fapi1-advanced a request object by value, fapi2-security pushed', () => {
  expect(authorizationRequestMethod(oidc)).toBe('plain')
  expect(authorizationRequestMethod(fapi1Advanced)).toBe('jar')
  expect(authorizationRequestMethod(fapi2Security)).toBe('par')
})

test('fapi2-security: the request is pushed with client authentication; the browser gets client_id and request_uri only', async () => {
  const http = new ScriptedHttp({
    pushed_authorization_request: [
      {
        status: 201,
        body: { request_uri: 'urn:ietf:params:oauth:request_uri:abc', expires_in: 60 },
      },
    ],
  })
  const ctx = scriptedContext(fapi2Security, METADATA, http)
  const browser = fakeBrowser(() => ({ code: 'c1', state: 'x', iss: ISSUER }))
  ctx.browser = browser
  const a = await authorize(ctx, client())
  expect(a.kind).toBe('callback')
  const form = http.forms('pushed_authorization_request')[0]!
  expect(form.get('response_type')).toBe('code')
  expect(form.get('code_challenge_method')).toBe('S256')
  expect(form.get('client_id')).toBe('client-1')
  expect(form.get('client_assertion')).toBeTruthy()
  expect(form.has('request')).toBe(false)
  expect([...browser.urls[0]!.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
  expect(ctx.sim.steps.map((s) => s.name)).toEqual(['authorize-par', 'authorize'])
  if (a.kind === 'callback')
    expect(flowVariant(ctx, client(), a)).toMatchObject({
      request_method: 'par',
      response_type: 'code',
      sender_constraint: 'mtls',
    })
})

test('a DPoP client pushes dpop_jkt with a proof; parDpop omit sends dpop_jkt alone, noDpopJkt the proof alone (RFC 9449 §10.1)', async () => {
  const dpop = await generateDpopKey()
  const pushed = {
    status: 201,
    body: { request_uri: 'urn:ietf:params:oauth:request_uri:abc', expires_in: 60 },
  }
  const http = new ScriptedHttp({ pushed_authorization_request: [pushed, pushed, pushed] })
  const ctx = scriptedContext(fapi2Security, METADATA, http)
  ctx.browser = fakeBrowser(() => ({ code: 'c1', state: 'x', iss: ISSUER }))
  const c = { ...client(), dpop }
  await authorize(ctx, c, 'authorize', 'default', { method: 'par' })
  await authorize(ctx, c, 'authorize', 'dpop_jkt only', {
    method: 'par',
    edit: (r) => ({ ...r, dpop_jkt: dpop.jkt }),
    parDpop: { label: 'no header', omit: true },
  })
  await authorize(ctx, c, 'authorize', 'header only', {
    method: 'par',
    parDpop: { label: 'no dpop_jkt', noDpopJkt: true },
  })
  const sent = http.sent.filter((r) => r.purpose === 'pushed_authorization_request')
  expect(sent.map((r) => [r.form!.get('dpop_jkt'), Boolean(r.headers?.dpop)])).toEqual([
    [dpop.jkt, true],
    [dpop.jkt, false],
    [null, true],
  ])
  const header = JSON.parse(
    Buffer.from(sent[2]!.headers!.dpop!.split('.')[0]!, 'base64url').toString(),
  )
  expect(header.jwk).toEqual(dpop.publicJwk)
})

test('fapi2-security: a refused push fails the step without a browser', async () => {
  const http = new ScriptedHttp({
    pushed_authorization_request: [{ status: 400, body: { error: 'invalid_request' } }],
  })
  const ctx = scriptedContext(fapi2Security, METADATA, http)
  const browser = fakeBrowser(() => ({}))
  ctx.browser = browser
  const a = await authorize(ctx, client())
  expect(a).toMatchObject({ kind: 'failed', step: 'authorize-par' })
  expect(browser.urls).toHaveLength(0)
})

test('fapi1-advanced: a request object signed PS256 by value, with response_type, client_id and scope duplicated (OIDC Core §6.1)', async () => {
  const ctx = scriptedContext(fapi1Advanced, METADATA, new ScriptedHttp({}))
  const browser = fakeBrowser((u) => ({
    code: 'c1',
    state: String(decodeJwt(u.searchParams.get('request')!).state),
    id_token: 'x.y.z',
  }))
  ctx.browser = browser
  const a = await authorize(ctx, client())
  const u = browser.urls[0]!
  expect([...u.searchParams.keys()].sort()).toEqual([
    'client_id',
    'request',
    'response_type',
    'scope',
  ])
  expect(u.searchParams.get('response_type')).toBe('code id_token')
  const jwt = u.searchParams.get('request')!
  expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'PS256' })
  const claims = decodeJwt(jwt)
  expect(claims).toMatchObject({
    iss: 'client-1',
    aud: ISSUER,
    client_id: 'client-1',
    response_type: 'code id_token',
    code_challenge_method: 'S256',
  })
  expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(3600)
  expect(typeof claims.jti).toBe('string')
  expect(a).toMatchObject({ kind: 'callback', method: 'jar' })
})

test('outside: query parameters beside the request object, not inside it (request-object-outer-state-ignored)', async () => {
  const ctx = scriptedContext(fapi1Advanced, METADATA, new ScriptedHttp({}))
  const browser = fakeBrowser(() => ({ code: 'c1', id_token: 'x.y.z' }))
  ctx.browser = browser
  const a = await authorize(ctx, client(), 'authorize-variant', 'outer state', {
    edit: ({ state: _, ...r }) => r,
    outside: { state: 'outer-1' },
  })
  const u = browser.urls[0]!
  expect([...u.searchParams.keys()].sort()).toEqual([
    'client_id',
    'request',
    'response_type',
    'scope',
    'state',
  ])
  expect(u.searchParams.get('state')).toBe('outer-1')
  expect(decodeJwt(u.searchParams.get('request')!).state).toBeUndefined()
  expect(a).toMatchObject({ kind: 'callback', method: 'jar' })
})

test('JARM: the response JWT is decoded into code and state; the raw callback is kept', async () => {
  const ctx = scriptedContext(fapi1Advanced, METADATA, new ScriptedHttp({}))
  const key = getKey('RSA-2048', 0)
  ctx.browser = fakeBrowser((u) => ({
    response: 'PLACEHOLDER',
    _state: String(decodeJwt(u.searchParams.get('request')!).state),
  }))
  const browser = ctx.browser as ReturnType<typeof fakeBrowser>
  const login = browser.login.bind(browser)
  browser.login = async (url, opts) => {
    const r = await login(url, opts)
    if (!r.ok) return r
    const response = await new SignJWT({
      iss: ISSUER,
      aud: 'client-1',
      exp: 2_000_000_000,
      code: 'c-jarm',
      state: r.params._state,
    })
      .setProtectedHeader({ alg: 'PS256' })
      .sign(await importJWK(key.privateJwk, 'PS256'))
    return { ...r, params: { response } }
  }
  const a = await authorize(ctx, client(), 'authorize', 'jarm', {
    responseType: 'code',
    responseMode: 'jwt',
  })
  expect(a.kind).toBe('callback')
  if (a.kind !== 'callback') return
  expect(a.params).toMatchObject({ code: 'c-jarm', iss: ISSUER, aud: 'client-1' })
  expect(a.params.state).toBe(a.request.state)
  expect(Object.keys(a.raw)).toEqual(['response'])
  expect(a.jarm).toBe(a.raw.response)
  expect(a.request).toMatchObject({ response_type: 'code', response_mode: 'jwt' })
  expect(ctx.sim.secrets.has('c-jarm')).toBe(true)
})
