import { X509Certificate, createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
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

/**
 * One module's browser: a fresh context, opened on first use and closed by `close()`. Keeps the
 * page so that a failed module can be photographed (`screenshot()`).
 */
export class BrowserSession implements BrowserDriver {
  private context: BrowserContext | undefined
  private page: Page | undefined
  /** Decides each request of the page: the callback is answered here, other hosts are blocked. */
  private intercept: (req: { url: string; postData?: string }) => 'callback' | 'continue' | 'block' = () => 'block'

  private readonly browser: () => Promise<Browser>
  private readonly opts: { insecure: boolean; timeoutMs: number; allowedOrigins: string[] }

  constructor(browser: () => Promise<Browser>, opts: { insecure: boolean; timeoutMs: number; allowedOrigins: string[] }) {
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
        return 'callback'
      }
      // the target's own pages only: no fonts, trackers or other hosts (issue #9: never an outside host)
      return allowed.has(new URL(req.url).origin) ? 'continue' : 'block'
    }
    const timeout = this.opts.timeoutMs
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout })
    } catch (e) {
      return done({ step: 'authorization request', reason: `navigation failed: ${(e as Error).message.split('\n')[0]}`, pageUrl: page.url() })
    }
    // login, consent: at most a few pages before the redirect
    for (let i = 0; i < 6 && !callback; i++) {
      pages.push(page.url())
      const login = page.locator('form input[name="login"]')
      // oidc-provider's devInteractions: the consent form posts prompt=consent
      const consent = page.locator('form:has(input[name="prompt"][value="consent"]) button[type="submit"]')
      let step: string
      let act: () => Promise<void>
      if (await login.count()) {
        step = 'login'
        act = async () => {
          await login.fill(LOGIN_NAME, { timeout })
          const password = page.locator('form input[name="password"]')
          if (await password.count()) await password.fill('fapi-harness', { timeout })
          await page.locator('form button[type="submit"]').first().click({ timeout, noWaitAfter: true })
        }
      } else if (await consent.count()) {
        step = 'consent'
        act = () => consent.first().click({ timeout, noWaitAfter: true })
      } else {
        const text = ((await page.locator('body').innerText({ timeout }).catch(() => '')) || '').replace(/\s+/g, ' ').trim().slice(0, 200)
        return done({ step: 'login', reason: `the page is neither the login nor the consent form${text ? `: "${text}"` : ''}`, pageUrl: page.url() })
      }
      try {
        await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout }), act()])
      } catch (e) {
        return done({ step, reason: `${(e as Error).message.split('\n')[0]}`, pageUrl: page.url() })
      }
    }
    if (!callback) return done({ step: 'redirect', reason: 'the browser was not redirected to the redirect URI', pageUrl: page.url() })
    // the page URL keeps the fragment, which the request URL lacks
    const full = isCallback(page.url(), redirectUri) ? page.url() : callback.url
    return { ok: true, callbackUrl: full, params: callbackParams(full, callback.body), pages, durationMs: Math.round(performance.now() - started) }
  }

  /** A PNG of the current page, if the module opened one. */
  async screenshot(): Promise<Buffer | undefined> {
    if (!this.page || this.page.isClosed()) return undefined
    return this.page.screenshot({ timeout: 5_000 }).catch(() => undefined)
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
    this.page = await this.context.newPage()
    // Chromium's Fetch domain, not context.route: Playwright's routes never see a redirect's target
    // (the handler "will only be called for the first url if the response is a redirect"), and the
    // callback is always one. Here every request is paused, redirects included.
    const cdp = await this.context.newCDPSession(this.page)
    cdp.on('Fetch.requestPaused', (e: { requestId: string; request: { url: string; postData?: string } }) => {
      const decision = this.intercept(e.request)
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
