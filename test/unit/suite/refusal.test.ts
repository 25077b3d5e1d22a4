// Tests BrowserSession.refusal (the error-path step of the flow engine) against Debian's Chromium and
// a tiny authorization endpoint on 127.0.0.1, and the pure check authorization-refused.
import { expect, test } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from '@playwright/test'
import {
  BrowserSession,
  CHROMIUM_ARGS,
  DEFAULT_CHROMIUM,
  ERROR_PAGE_SETTLE_MS,
  type LoginStep,
  type RefusalResult,
} from '../../../src/suite/browser.js'
import authorizationRefused from '../../../src/checks/authorization/authorization-refused.js'

const REDIRECT = 'https://127.0.0.1/fapi-harness/callback'
const FORBIDDEN = 'https://127.0.0.1/fapi-harness/callback/other'
const LOGIN_PAGE = `<!DOCTYPE html><title>login</title>
<form method="post" action="/login"><input name="user"><button id="signin" type="submit">Sign in</button></form>`
const STEPS: LoginStep[] = [
  { name: 'user', fill: 'input[name="user"]', value: '{username}' },
  { name: 'sign in', click: '#signin' },
]

let server: Server
let origin: string
let browser: Browser | undefined
/** What POST /login answers with (set per test). */
let afterLogin = `${REDIRECT}?code=c0de&state=s1`

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const html = (status: number, body: string) =>
      void res.writeHead(status, { 'content-type': 'text/html' }).end(body)
    if (u.pathname === '/error-redirect')
      return void res
        .writeHead(303, { location: `${REDIRECT}?error=invalid_request&state=s1` })
        .end()
    if (u.pathname === '/error-400')
      return html(400, '<!DOCTYPE html><h1>invalid redirect_uri</h1>')
    if (u.pathname === '/error-200')
      return html(200, '<!DOCTYPE html><h1>Something went wrong</h1>')
    if (u.pathname === '/forbidden')
      return void res.writeHead(303, { location: `${FORBIDDEN}?code=leaked&state=s1` }).end()
    if (u.pathname === '/login-page') return html(200, LOGIN_PAGE)
    // a login page still loading after the settle time: its form shows once its image arrived
    if (u.pathname === '/slow-login-page')
      return html(
        200,
        LOGIN_PAGE.replace('<form ', '<form style="display:none" ').replace(
          '</form>',
          '</form><img src="/slow-image" onload="document.forms[0].style.display=\'block\'" onerror="document.forms[0].style.display=\'block\'">',
        ),
      )
    if (u.pathname === '/slow-image')
      return void setTimeout(
        () =>
          res
            .writeHead(200, { 'content-type': 'image/gif' })
            .end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64')),
        ERROR_PAGE_SETTLE_MS + 1_000,
      )
    if (req.method === 'POST' && u.pathname === '/login')
      return void res.writeHead(303, { location: afterLogin }).end()
    if (u.pathname === '/after-login-error')
      return html(400, '<!DOCTYPE html><h1>error after login</h1>')
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await browser?.close()
  browser = undefined
  await new Promise((r) => server.close(r))
})

async function getBrowser(): Promise<Browser> {
  const { chromium } = await import('@playwright/test')
  browser ??= await chromium.launch({
    executablePath: process.env.FAPI_HARNESS_CHROMIUM || DEFAULT_CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  return browser
}

async function refusal(
  path: string,
  onLogin: 'stop' | 'continue' = 'stop',
  timeoutMs = 3000,
): Promise<RefusalResult & { took: number }> {
  const s = new BrowserSession(getBrowser, {
    insecure: false,
    timeoutMs,
    allowedOrigins: [origin],
    login: STEPS,
    credentials: { username: 'u', password: 'p' },
  })
  try {
    const t0 = performance.now()
    const r = await s.refusal(`${origin}${path}`, {
      redirectUri: REDIRECT,
      forbidden: [FORBIDDEN],
      onLogin,
      freshSession: true,
    })
    return { ...r, took: performance.now() - t0 }
  } finally {
    await s.close()
  }
}

test('an error response at the redirect URI is caught with its parameters, nothing typed', async () => {
  const r = await refusal('/error-redirect')
  expect(r.kind).toBe('redirect')
  if (r.kind !== 'redirect') return
  expect(r.params).toEqual({ error: 'invalid_request', state: 's1' })
  expect(r.loggedIn).toBe(false)
})

test('a 4xx page of the AS is an error page at once; a 200 page without login form after the settle time', async () => {
  await getBrowser()
  const fast = await refusal('/error-400')
  expect(fast.kind).toBe('error-page')
  if (fast.kind === 'error-page') expect(fast.status).toBe(400)
  const slow = await refusal('/error-200')
  expect(slow.kind).toBe('error-page')
  // the 200 page is watched for the settle time; the 400 page is not (both open a fresh context)
  expect(slow.took).toBeGreaterThanOrEqual(ERROR_PAGE_SETTLE_MS)
  // (relative, not absolute: both pages load alike, however loaded the machine; no upper bound on `slow`)
  expect(slow.took - fast.took).toBeGreaterThan(ERROR_PAGE_SETTLE_MS / 2)
})

test('a redirect to a forbidden URI is the finding, caught in the browser', async () => {
  const r = await refusal('/forbidden')
  expect(r.kind).toBe('forbidden-redirect')
  if (r.kind === 'forbidden-redirect') expect(r.params.code).toBe('leaked')
  const v = authorizationRefused.evaluate({ ending: r, state: 's1', errorPage: 'refuses' })
  expect(v.ok).toBe(false)
})

test('the login page: stop reports it; continue logs in and reports where it leads', async () => {
  const stopped = await refusal('/login-page', 'stop')
  expect(stopped.kind).toBe('login')
  expect(stopped.loggedIn).toBe(false)
  afterLogin = `${REDIRECT}?code=c0de&state=s1`
  const code = await refusal('/login-page', 'continue')
  expect(code.kind).toBe('redirect')
  expect(code.loggedIn).toBe(true)
  if (code.kind === 'redirect') expect(code.params.code).toBe('c0de')
  afterLogin = '/after-login-error'
  const page = await refusal('/login-page', 'continue')
  expect(page.kind).toBe('error-page')
  expect(page.loggedIn).toBe(true)
})

test('a login page that has not finished loading when the settle time passed is still the login page, not an error page', async () => {
  // the watch starts once the page has loaded: a loaded machine painting late is no error page
  const r = await refusal('/slow-login-page', 'stop', 3 * ERROR_PAGE_SETTLE_MS + 3_000)
  expect(r.kind).toBe('login')
  expect(r.took).toBeGreaterThan(ERROR_PAGE_SETTLE_MS + 1_000)
})

test('a target that does not answer fails the step within the timeout', async () => {
  const s = new BrowserSession(getBrowser, {
    insecure: false,
    timeoutMs: 1500,
    allowedOrigins: [],
    credentials: { username: 'u', password: 'p' },
  })
  try {
    const r = await s.refusal('http://127.0.0.1:9/authorize', {
      redirectUri: REDIRECT,
      onLogin: 'stop',
    })
    expect(r.kind).toBe('failed')
  } finally {
    await s.close()
  }
})

const base = { loggedIn: false, pages: [], durationMs: 1 }
test('authorization-refused: an error response with the state passes; a code, a wrong code or a lost state fail', () => {
  const redirect = (params: Record<string, string>): RefusalResult => ({
    kind: 'redirect',
    callbackUrl: REDIRECT,
    params,
    ...base,
  })
  expect(
    authorizationRefused.evaluate({
      ending: redirect({ error: 'access_denied', state: 's' }),
      state: 's',
      errors: ['access_denied'],
      errorPage: 'fails',
    }).ok,
  ).toBe(true)
  expect(
    authorizationRefused.evaluate({
      ending: redirect({ error: 'invalid_request', state: 's' }),
      state: 's',
      errors: ['access_denied'],
      errorPage: 'fails',
    }).ok,
  ).toBe(false)
  expect(
    authorizationRefused.evaluate({
      ending: redirect({ error: 'access_denied' }),
      state: 's',
      errorPage: 'fails',
    }).ok,
  ).toBe(false)
  expect(
    authorizationRefused.evaluate({
      ending: redirect({ code: 'c', state: 's' }),
      state: 's',
      errorPage: 'refuses',
    }).ok,
  ).toBe(false)
})

test('authorization-refused: an error page passes or fails as the clause says; the login page and a failed step are undecidable unless told', () => {
  const page: RefusalResult = { kind: 'error-page', pageUrl: 'https://as/x', status: 400, ...base }
  expect(authorizationRefused.evaluate({ ending: page, errorPage: 'refuses' }).ok).toBe(true)
  expect(authorizationRefused.evaluate({ ending: page, errorPage: 'fails' }).ok).toBe(false)
  const login: RefusalResult = { kind: 'login', pageUrl: 'https://as/login', ...base }
  expect(authorizationRefused.evaluate({ ending: login, errorPage: 'refuses' })).toMatchObject({
    ok: false,
    undecidable: true,
  })
  expect(
    authorizationRefused.evaluate({ ending: login, errorPage: 'refuses', login: 'fails' }),
  ).toMatchObject({ ok: false })
  expect(
    authorizationRefused.evaluate({ ending: login, errorPage: 'refuses', login: 'fails' })
      .undecidable,
  ).toBeUndefined()
  const failed: RefusalResult = {
    kind: 'failed',
    step: 'authorization request',
    reason: 'x',
    ...base,
  }
  expect(authorizationRefused.evaluate({ ending: failed, errorPage: 'refuses' }).undecidable).toBe(
    true,
  )
})
