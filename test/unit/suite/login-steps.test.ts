import { expect, test } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32 } from 'node:zlib'
import type { Browser } from '@playwright/test'
import { redact } from '../../../src/http/redact.js'
import {
  BrowserSession,
  CHROMIUM_ARGS,
  DEFAULT_CHROMIUM,
  loginStepName,
  loginValue,
  runLoginSteps,
  type LoginStep,
} from '../../../src/suite/browser.js'
import { redactAttachment } from '../../../src/suite/playwright.js'
import { rewriteZip } from '../../../src/suite/trace-zip.js'

/**
 * The login step runner (config `browser.login`) against Debian's Chromium: a tiny login and
 * consent site on 127.0.0.1, started and stopped here; the callback is caught in the browser.
 */

const PASSWORD = 'pw-Zq8vX2mK9tLr4'
const USERNAME = 'alice.tester'
const REDIRECT = 'https://127.0.0.1/fapi-harness/callback'

const LOGIN_PAGE = `<!DOCTYPE html><title>login</title>
<form method="post" action="/login"><input name="user"><input type="password" name="pass"><button id="signin" type="submit">Sign in</button></form>`
const CONSENT_PAGE = `<!DOCTYPE html><title>consent</title>
<form method="post" action="/consent"><p id="question">Allow?</p><button id="allow" type="submit">Allow</button></form>`

const STEPS: LoginStep[] = [
  { name: 'user', fill: 'input[name="user"]', value: '{username}' },
  { name: 'password', fill: 'input[name="pass"]', value: '{password}' },
  { click: '#signin' },
  { waitFor: { url: '/consent-page$', selector: '#question' } },
  { name: 'allow', click: '#allow' },
]

let server: Server
let origin: string
let browser: Browser | undefined

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/authorize'))
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(LOGIN_PAGE)
    if (req.method === 'POST' && req.url === '/login')
      return void res.writeHead(303, { location: '/consent-page' }).end()
    if (req.method === 'GET' && req.url === '/consent-page')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(CONSENT_PAGE)
    if (req.method === 'POST' && req.url === '/consent')
      return void res.writeHead(303, { location: `${REDIRECT}?code=c0de-1234&state=s1` }).end()
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  // fullyParallel: a worker may come back to this file after afterAll, and launch again
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

// step timeouts are generous where the test expects success, so a loaded machine does not fail it
function session(login: LoginStep[], timeoutMs = 10_000): BrowserSession {
  return new BrowserSession(getBrowser, {
    insecure: false,
    timeoutMs,
    allowedOrigins: [origin],
    login,
    credentials: { username: USERNAME, password: PASSWORD },
  })
}

/** Every entry of a zip, inflated, as text. */
function zipText(zip: Buffer): string {
  const parts: string[] = []
  rewriteZip(zip, (name, data) => {
    parts.push(`${name}\n${data.toString('latin1')}`)
    return data
  })
  return parts.join('\n')
}

test('names a step by its JSON pointer, name and action; fills credentials', () => {
  expect(loginStepName(STEPS[2]!, 2)).toBe('/browser/login/2 (click #signin)')
  expect(loginStepName(STEPS[4]!, 4)).toBe('/browser/login/4 "allow" (click #allow)')
  expect(loginStepName(STEPS[3]!, 3)).toBe(
    '/browser/login/3 (waitFor url /consent-page$ and selector #question)',
  )
  expect(loginValue('{username}:{password}', { username: 'u', password: 'p' })).toBe('u:p')
})

test('a configured step list logs in and consents; the callback is caught', async () => {
  const s = session(STEPS)
  try {
    const r = await s.login(`${origin}/authorize?x=1`, { redirectUri: REDIRECT })
    expect(r.ok, JSON.stringify(r)).toBe(true)
    if (!r.ok) return
    expect(r.params).toEqual({ code: 'c0de-1234', state: 's1' })
    expect(r.pages[0]).toBe(`${origin}/authorize?x=1`)
    expect(r.pages).toContain(`${origin}/consent-page`)
  } finally {
    await s.close()
  }
})

test('the list ends when the browser reaches the redirect URI (a skipped consent is no error)', async () => {
  // had the list gone on, the step 'never there' would have failed after its timeout (r.ok false)
  const s = session([...STEPS, { name: 'never there', click: '#nothing' }])
  try {
    const r = await s.login(`${origin}/authorize`, { redirectUri: REDIRECT })
    expect(r.ok, JSON.stringify(r)).toBe(true)
  } finally {
    await s.close()
  }
})

test('a missing selector fails that step within the timeout, with screenshot, URL and a redacted trace', async () => {
  const s = session([STEPS[0]!, STEPS[1]!, { name: 'sign in', click: '#no-such-button' }], 800)
  try {
    const r = await s.login(`${origin}/authorize`, { redirectUri: REDIRECT })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.step).toBe('/browser/login/2 "sign in" (click #no-such-button)')
    expect(r.reason).toMatch(/Timeout 800ms exceeded/)
    expect(r.pageUrl).toBe(`${origin}/authorize`)

    const evidence = await s.evidence()
    expect(evidence.map((e) => `${e.name} ${e.contentType}`)).toEqual([
      'browser screenshot image/png',
      'browser page URL text/plain',
      'playwright trace application/zip',
    ])
    const trace = evidence[2]!.body
    // the raw trace holds the password (the fill action, the input's value in snapshots)...
    expect(zipText(trace)).toContain(PASSWORD)
    // ...the attachment written to the record does not, nor the username
    const secrets = [USERNAME, PASSWORD]
    const clean = redactAttachment('application/zip', trace, secrets)
    const text = zipText(clean)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(USERNAME)
    expect(text).toContain('#no-such-button') // still a trace: the actions are there
    expect(clean.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004')
    for (const e of evidence)
      if (e.contentType !== 'application/zip')
        expect(redactAttachment(e.contentType, e.body, secrets).toString('latin1')).not.toContain(
          PASSWORD,
        )
    // the trace is of sane size (no sources)
    expect(trace.length).toBeLessThan(5_000_000)
  } finally {
    await s.close()
  }
})

test('a configured password does not reach the record', () => {
  const record = {
    message: `login failed at /browser/login/1 after filling ${PASSWORD}`,
    steps: [
      { name: 'authorize', title: 't', outcome: `failed: user ${USERNAME} password=${PASSWORD}` },
    ],
    exchanges: [{ request: { body: `user=${USERNAME}&pass=${encodeURIComponent(PASSWORD)}` } }],
  }
  const out = JSON.stringify(redact(record, [USERNAME, PASSWORD]))
  expect(out).not.toContain(PASSWORD)
  expect(out).not.toContain(USERNAME)
})

test('runLoginSteps: waitFor a URL that never comes fails after the timeout', async () => {
  const b = await getBrowser()
  const context = await b.newContext()
  try {
    const page = await context.newPage()
    await page.setContent('<p id="here">here</p>')
    // the selector is already there: a generous timeout, so a loaded machine does not fail the precondition
    const ok = await runLoginSteps(page, [{ waitFor: { selector: '#here' } }], {
      timeoutMs: 10_000,
      credentials: { username: 'u', password: 'p' },
    })
    expect(ok.ok).toBe(true)
    const r = await runLoginSteps(
      page,
      [{ waitFor: { selector: '#here' } }, { waitFor: { url: 'never' } }],
      { timeoutMs: 500, credentials: { username: 'u', password: 'p' } },
    )
    expect(r).toMatchObject({
      ok: false,
      step: '/browser/login/1 (waitFor url never)',
      reason: expect.stringMatching(/500ms/),
    })
  } finally {
    await context.close()
  }
})

test('rewriteZip keeps every entry', () => {
  // a minimal hand-made zip of two stored entries
  const entry = (name: string, body: string) => ({ name, body })
  const src = [entry('a.txt', 'hello secret'), entry('b.bin', '\u0000\u0001')]
  const zip = handZip(src)
  const out = rewriteZip(zip, (_n, d) =>
    Buffer.from(d.toString('latin1').replace('secret', 'masked'), 'latin1'),
  )
  expect(zipText(out)).toContain('hello masked')
  expect(zipText(out)).toContain('b.bin')
})

/** A stored (uncompressed) zip, for the rewriter's own test. */
function handZip(entries: Array<{ name: string; body: string }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const data = Buffer.from(e.body, 'latin1')
    const l = Buffer.alloc(30)
    l.writeUInt32LE(0x04034b50, 0)
    l.writeUInt32LE(crc32(data), 14)
    l.writeUInt32LE(data.length, 18)
    l.writeUInt32LE(data.length, 22)
    l.writeUInt16LE(name.length, 26)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt32LE(crc32(data), 16)
    c.writeUInt32LE(data.length, 20)
    c.writeUInt32LE(data.length, 24)
    c.writeUInt16LE(name.length, 28)
    c.writeUInt32LE(offset, 42)
    locals.push(l, name, data)
    centrals.push(c, name)
    offset += 30 + name.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}
