import { X509Certificate, createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:tls'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'

/**
 * The end-user's browser for redirect flows: Debian's Chromium driven by Playwright, launched once
 * per worker (see the `browsers` fixture in playwright.ts), with a fresh context per module. The
 * redirect to the client's redirect URI is caught inside the browser (Chromium's request
 * interception) and never leaves it; nothing else outside the target is fetched.
 */

/** Debian's Chromium; FAPI_HARNESS_CHROMIUM names another binary. Never a downloaded one. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** The login name typed into the embedded AS's devInteractions form (any name is accepted there). */
export const LOGIN_NAME = 'fapi-harness-user'

/**
 * One step of the end-user's login and consent on the target's pages (config `browser.login`):
 * fill a field, click an element, or wait for a URL (a regular expression) or a selector. In a
 * `value`, `{username}` and `{password}` stand for the test user's credentials.
 */
export type LoginStep =
  | { name?: string; fill: string; value: string }
  | { name?: string; click: string }
  | { name?: string; waitFor: { url?: string; selector?: string } }

/** The test user (config `browser.credentials`); both values are secrets of every module. */
export interface Credentials {
  username: string
  password: string
}

/**
 * The login and consent of the embedded AS (oidc-provider's devInteractions): any login name and
 * password, then the consent form. A list ends early when the browser reaches the redirect URI.
 */
export const DEFAULT_LOGIN_STEPS: readonly LoginStep[] = [
  { name: 'login name', fill: 'form input[name="login"]', value: '{username}' },
  { name: 'password', fill: 'form input[name="password"]', value: '{password}' },
  { name: 'sign in', click: 'form:has(input[name="prompt"][value="login"]) button[type="submit"]' },
  { name: 'consent', click: 'form:has(input[name="prompt"][value="consent"]) button[type="submit"]' },
]

/** `/browser/login/2 "sign in" (click form button)`: how a step is named in results. */
export function loginStepName(step: LoginStep, i: number): string {
  const what = 'fill' in step ? `fill ${step.fill}` : 'click' in step ? `click ${step.click}` : `waitFor ${[step.waitFor.url ? `url ${step.waitFor.url}` : '', step.waitFor.selector ? `selector ${step.waitFor.selector}` : ''].filter(Boolean).join(' and ')}`
  return `/browser/login/${i}${step.name ? ` "${step.name}"` : ''} (${what})`
}

/** `{username}` and `{password}` replaced by the credentials. */
export function loginValue(value: string, c: Credentials): string {
  return value.replace(/\{(username|password)\}/g, (_m, k: 'username' | 'password') => c[k])
}

/** How a list of login steps ended. */
export type StepsResult = { ok: true; pages: string[] } | { ok: false; step: string; reason: string; pages: string[] }

/**
 * Runs the login steps on `page`, each bounded by `timeoutMs`. Stops early, successfully, when
 * `arrived` settles (the browser reached the redirect URI): a consent the target skips is no error.
 * Returns the first step that failed and why (never waits longer than the timeout per step).
 */
export async function runLoginSteps(
  page: Page,
  steps: readonly LoginStep[],
  opts: { timeoutMs: number; credentials: Credentials; arrived?: Promise<void>; onSecretFill?: (selector: string) => void },
): Promise<StepsResult> {
  const timeout = opts.timeoutMs
  const pages: string[] = []
  let done = false
  const arrived = opts.arrived?.then(() => {
    done = true
    return 'arrived' as const
  })
  for (const [i, step] of steps.entries()) {
    if (done) break
    if (pages[pages.length - 1] !== page.url()) pages.push(page.url())
    let action: Promise<unknown>
    if ('fill' in step) {
      const value = loginValue(step.value, opts.credentials)
      if (value !== step.value) opts.onSecretFill?.(step.fill)
      action = page.locator(step.fill).first().fill(value, { timeout })
    } else if ('click' in step) {
      action = page.locator(step.click).first().click({ timeout, noWaitAfter: true })
    } else {
      const waits: Promise<unknown>[] = []
      if (step.waitFor.url) waits.push(page.waitForURL(new RegExp(step.waitFor.url), { timeout, waitUntil: 'commit' }))
      if (step.waitFor.selector) waits.push(page.locator(step.waitFor.selector).first().waitFor({ state: 'visible', timeout }))
      action = Promise.all(waits)
    }
    action.catch(() => {}) // may still be pending when the callback wins the race
    try {
      await (arrived ? Promise.race([action, arrived]) : action)
    } catch (e) {
      if (done) break
      return { ok: false, step: loginStepName(step, i), reason: (e as Error).message.split('\n')[0]!, pages }
    }
  }
  return { ok: true, pages }
}

/** How a browser login ended. */
export type LoginResult =
  | {
      ok: true
      /** The full callback URL: query and fragment, as the AS redirected the browser to it. */
      callbackUrl: string
      /** The callback parameters (query, fragment and a form_post body, in that order of precedence reversed). */
      params: Record<string, string>
      /** The pages the browser went through before the callback (URLs). */
      pages: string[]
      durationMs: number
    }
  | { ok: false; step: string; reason: string; pageUrl?: string; pages: string[]; durationMs: number }

/** What a module sees of the browser (ModuleContext.browser). */
export interface BrowserDriver {
  /**
   * Sends the browser to `url` (an authorization request), logs in and consents on the target's
   * pages, and returns the callback to `redirectUri` without any server receiving it.
   */
  login(url: string, opts: { redirectUri: string }): Promise<LoginResult>
}

/** How the browser trusts the target's server certificate. */
export interface BrowserTrust {
  /** `--insecure-tls`: certificate errors are ignored, as for the HTTP client. */
  insecure: boolean
  /**
   * SPKI SHA-256 pins (base64) of the target's server certificates, each verified by Node against
   * the configured CAs (the embedded AS's own CA, or `--ca`): Chromium accepts exactly these.
   */
  spki: string[]
}

/**
 * Pins of the server certificates at `origins`, verified against `ca` (as the HTTP client
 * verifies them): what Chromium gets as --ignore-certificate-errors-spki-list, so the browser
 * trusts the same servers the harness trusts and no others.
 */
export async function serverPins(origins: string[], ca: string[], timeoutMs: number): Promise<string[]> {
  const pins = new Set<string>()
  for (const origin of new Set(origins)) {
    const u = new URL(origin)
    if (u.protocol !== 'https:') continue
    const der = await new Promise<Buffer | undefined>((res) => {
      const s = connect({ host: u.hostname, port: Number(u.port || 443), servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname, ca: ca.length ? ca : undefined, rejectUnauthorized: true, timeout: timeoutMs }, () => {
        const raw = s.getPeerCertificate().raw
        s.end()
        res(raw)
      })
      s.on('error', () => res(undefined))
      s.on('timeout', () => {
        s.destroy()
        res(undefined)
      })
    })
    if (!der) continue
    const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' })
    pins.add(createHash('sha256').update(spki).digest('base64'))
  }
  return [...pins]
}

/** The Chromium binary to use, or why there is none. */
export function chromiumPath(): { path: string } | { unavailable: string } {
  const path = process.env.FAPI_HARNESS_CHROMIUM || DEFAULT_CHROMIUM
  if (!existsSync(path)) return { unavailable: `${path} does not exist (install Debian's chromium, or set FAPI_HARNESS_CHROMIUM)` }
  return { path }
}

/** Launches Chromium headless with the harness's flags; one per worker. */
export async function launchChromium(path: string, trust: BrowserTrust): Promise<Browser> {
  const args = [...CHROMIUM_ARGS]
  if (!trust.insecure && trust.spki.length) args.push(`--ignore-certificate-errors-spki-list=${trust.spki.join(',')}`)
  return chromium.launch({ executablePath: path, headless: true, args, timeout: 30_000 })
}

/** What the browser shows at the redirect URI (no server is involved). */
const CALLBACK_PAGE = Buffer.from('<!DOCTYPE html><title>fapi-harness callback</title><p>callback received by the harness</p>').toString('base64')

/** Parameters of a callback: query, then fragment, then a form_post body (later ones win). */
export function callbackParams(url: string, formBody?: string): Record<string, string> {
  const u = new URL(url)
  const out: Record<string, string> = {}
  for (const [k, v] of u.searchParams) out[k] = v
  for (const [k, v] of new URLSearchParams(u.hash.replace(/^#/, ''))) out[k] = v
  if (formBody) for (const [k, v] of new URLSearchParams(formBody)) out[k] = v
  return out
}

/** Whether `url` is the redirect URI (any query or fragment). */
function isCallback(url: string, redirectUri: string): boolean {
  const strip = (s: string) => s.replace(/[?#].*$/, '')
  return strip(url) === strip(redirectUri)
}

/** How a module's browser session behaves: trust, the per-wait timeout, the login steps. */
export interface SessionOptions {
  insecure: boolean
  /** Bounds every navigation, action and wait (the plan's timeout). */
  timeoutMs: number
  allowedOrigins: string[]
  /** The login and consent steps (config `browser.login`); default DEFAULT_LOGIN_STEPS. */
  login?: readonly LoginStep[]
  credentials: Credentials
}

/**
 * One module's browser: a fresh context, opened on first use and closed by `close()`. Keeps the
 * page so that a failed module can be photographed (`screenshot()`).
 */
export class BrowserSession implements BrowserDriver {
  private context: BrowserContext | undefined
  private page: Page | undefined
  /** Decides each request of the page: the callback is answered here, other hosts are blocked. */
  private intercept: (req: { url: string; postData?: string }) => 'callback' | 'continue' | 'block' = () => 'block'

  /** Resolves the wait for the callback of the login under way. */
  private arrived: () => void = () => {}
  /** Selectors filled with a credential: masked in screenshots. */
  private readonly secretFields = new Set<string>()
  private tracing = false

  private readonly browser: () => Promise<Browser>
  private readonly opts: SessionOptions

  constructor(browser: () => Promise<Browser>, opts: SessionOptions) {
    this.browser = browser
    this.opts = opts
  }

  async login(url: string, { redirectUri }: { redirectUri: string }): Promise<LoginResult> {
    const started = performance.now()
    const pages: string[] = []
    const done = (r: Omit<Extract<LoginResult, { ok: false }>, 'pages' | 'durationMs' | 'ok'>): LoginResult => ({ ok: false, ...r, pages, durationMs: Math.round(performance.now() - started) })
    let page: Page
    try {
      page = await this.open()
    } catch (e) {
      return done({ step: 'launch', reason: `the browser could not be started: ${(e as Error).message.split('\n')[0]}` })
    }
    const allowed = new Set([new URL(url).origin, ...this.opts.allowedOrigins])
    let callback: { url: string; body?: string } | undefined
    this.intercept = (req) => {
      if (isCallback(req.url, redirectUri)) {
        callback = { url: req.url, ...(req.postData ? { body: req.postData } : {}) }
        this.arrived()
        return 'callback'
      }
      // the target's own pages only: no fonts, trackers or other hosts (issue #9: never an outside host)
      return allowed.has(new URL(req.url).origin) ? 'continue' : 'block'
    }
    let arrive: () => void = () => {}
    const arrived = new Promise<void>((r) => (arrive = r))
    this.arrived = arrive
    const timeout = this.opts.timeoutMs
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout })
    } catch (e) {
      if (!callback) return done({ step: 'authorization request', reason: `navigation failed: ${(e as Error).message.split('\n')[0]}`, pageUrl: page.url() })
    }
    // login and consent: the configured steps (default: the embedded AS's forms), each bounded by the timeout
    const steps = await runLoginSteps(page, this.opts.login ?? DEFAULT_LOGIN_STEPS, {
      timeoutMs: timeout,
      credentials: this.opts.credentials,
      arrived,
      onSecretFill: (selector) => this.secretFields.add(selector),
    })
    pages.push(...steps.pages)
    if (!steps.ok) return done({ step: steps.step, reason: steps.reason, pageUrl: page.url() })
    if (!callback) await Promise.race([arrived, new Promise((r) => setTimeout(r, timeout))])
    if (!callback) return done({ step: 'redirect', reason: `the browser was not redirected to the redirect URI within ${timeout} ms`, pageUrl: page.url() })
    // The page URL keeps the fragment, which the request URL lacks; but it is this login's callback
    // only when it is the very URL intercepted (a page still showing an earlier callback of the same
    // context would hand back an earlier, already used code).
    // The intercepted URL carries the fragment itself where Chromium reports it (urlFragment): it is
    // then taken as is, since a fragment response (code id_token) has the same URL before the
    // fragment at every login, and a page still at the previous callback would match it.
    const atCallback = page.url().split('#')[0] === callback.url.split('#')[0]
    const full = callback.url.includes('#') || !atCallback ? callback.url : page.url()
    return { ok: true, callbackUrl: full, params: callbackParams(full, callback.body), pages, durationMs: Math.round(performance.now() - started) }
  }

  /** A PNG of the current page, if the module opened one; fields filled with credentials are masked. */
  async screenshot(): Promise<Buffer | undefined> {
    if (!this.page || this.page.isClosed()) return undefined
    const page = this.page
    return page.screenshot({ timeout: 5_000, mask: [...this.secretFields].map((s) => page.locator(s)) }).catch(() => undefined)
  }

  /**
   * What a failed or undecided browser module keeps (issue #9): a screenshot, the page URL and the
   * Playwright trace of the context (a zip; its text is redacted by the caller). Ends the tracing.
   */
  async evidence(): Promise<Array<{ name: string; contentType: string; body: Buffer }>> {
    const out: Array<{ name: string; contentType: string; body: Buffer }> = []
    if (!this.page || !this.context) return out
    const png = await this.screenshot()
    if (png) out.push({ name: 'browser screenshot', contentType: 'image/png', body: png })
    if (!this.page.isClosed()) out.push({ name: 'browser page URL', contentType: 'text/plain', body: Buffer.from(this.page.url()) })
    if (this.tracing) {
      this.tracing = false
      const dir = mkdtempSync(join(tmpdir(), 'fapi-harness-trace-'))
      try {
        const file = join(dir, 'trace.zip')
        await this.context.tracing.stop({ path: file })
        if (existsSync(file)) out.push({ name: 'playwright trace', contentType: 'application/zip', body: readFileSync(file) })
      } catch {
        /* no trace: the context is gone */
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
    return out
  }

  get used(): boolean {
    return Boolean(this.page)
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => {})
    this.context = undefined
    this.page = undefined
  }

  private async open(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page
    const browser = await this.browser()
    this.context = await browser.newContext({ ignoreHTTPSErrors: this.opts.insecure })
    this.context.setDefaultTimeout(this.opts.timeoutMs)
    this.context.setDefaultNavigationTimeout(this.opts.timeoutMs)
    // kept only when the module fails or cannot decide (evidence()); sources would bloat it
    await this.context.tracing.start({ screenshots: true, snapshots: true, sources: false })
    this.tracing = true
    this.page = await this.context.newPage()
    // Chromium's Fetch domain, not context.route: Playwright's routes never see a redirect's target
    // (the handler "will only be called for the first url if the response is a redirect"), and the
    // callback is always one. Here every request is paused, redirects included.
    const cdp = await this.context.newCDPSession(this.page)
    cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string; urlFragment?: string; postData?: string } }) => {
      // CDP keeps the fragment apart (Network.Request.urlFragment): a hybrid or implicit response lives there
      const { urlFragment, ...req } = e.request
      const decision = this.intercept(urlFragment ? { ...req, url: `${req.url}${urlFragment}` } : req)
      const sent =
        decision === 'callback'
          ? cdp.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 200, responseHeaders: [{ name: 'content-type', value: 'text/html' }], body: CALLBACK_PAGE })
          : decision === 'continue'
            ? cdp.send('Fetch.continueRequest', { requestId: e.requestId })
            : cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
      sent.catch(() => {}) // the context may be closing
    })
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] })
    return this.page
  }
}
