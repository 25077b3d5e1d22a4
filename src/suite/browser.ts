import { X509Certificate, createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:tls'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test'

/**
 * The end-user's browser for redirect flows: Debian's Chromium driven by Playwright, launched once
 * per worker (see the `browsers` fixture in playwright.ts), with a fresh context per module. The
 * redirect to the client's redirect URI is caught inside the browser (Chromium's request
 * interception) and never leaves it; nothing else outside the target is fetched.
 */

/**
 * Debian's Chromium builds, in order of preference: the headless shell (package
 * chromium-headless-shell: the same Blink and V8 without the browser's UI, what Playwright itself
 * runs for headless Chromium; a login costs about a third of the CPU it costs in the full browser),
 * then the full browser (package chromium). FAPI_HARNESS_CHROMIUM names another binary. Never a
 * downloaded one.
 */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
] as const

/** The Chromium a run uses where FAPI_HARNESS_CHROMIUM is not set: the first candidate installed. */
export const DEFAULT_CHROMIUM: string =
  CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ??
  CHROMIUM_CANDIDATES[CHROMIUM_CANDIDATES.length - 1]

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

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
  {
    name: 'consent',
    click: 'form:has(input[name="prompt"][value="consent"]) button[type="submit"]',
  },
]

/**
 * The end-user's denial on the embedded AS (config `browser.deny`): log in as in
 * DEFAULT_LOGIN_STEPS, then the consent page's "[ Cancel ]" link (oidc-provider's devInteractions
 * layout links the interaction's `/abort`, which finishes the interaction with access_denied).
 */
export const DEFAULT_DENY_STEPS: readonly LoginStep[] = [
  ...DEFAULT_LOGIN_STEPS.slice(0, 3),
  {
    name: 'deny consent',
    click: '.login-card:has(input[name="prompt"][value="consent"]) a[href$="/abort"]',
  },
]

/** `/browser/login/2 "sign in" (click form button)`: how a step is named in results. */
export function loginStepName(step: LoginStep, i: number): string {
  const what =
    'fill' in step
      ? `fill ${step.fill}`
      : 'click' in step
        ? `click ${step.click}`
        : `waitFor ${[step.waitFor.url ? `url ${step.waitFor.url}` : '', step.waitFor.selector ? `selector ${step.waitFor.selector}` : ''].filter(Boolean).join(' and ')}`
  return `/browser/login/${i}${step.name ? ` "${step.name}"` : ''} (${what})`
}

/** `{username}` and `{password}` replaced by the credentials. */
export function loginValue(value: string, c: Credentials): string {
  return value.replace(/\{(username|password)\}/g, (_m, k: 'username' | 'password') => c[k])
}

/** How a list of login steps ended. */
export type StepsResult =
  { ok: true; pages: string[] } | { ok: false; step: string; reason: string; pages: string[] }

/**
 * Runs the login steps on `page`, each bounded by `timeoutMs`. Stops early, successfully, when
 * `arrived` settles (the browser reached the redirect URI): a consent the target skips is no error.
 * Returns the first step that failed and why (never waits longer than the timeout per step).
 */
export async function runLoginSteps(
  page: Page,
  steps: readonly LoginStep[],
  opts: {
    timeoutMs: number
    credentials: Credentials
    arrived?: Promise<void>
    onSecretFill?: (selector: string) => void
  },
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
      if (step.waitFor.url)
        waits.push(page.waitForURL(new RegExp(step.waitFor.url), { timeout, waitUntil: 'commit' }))
      if (step.waitFor.selector)
        waits.push(
          page.locator(step.waitFor.selector).first().waitFor({ state: 'visible', timeout }),
        )
      action = Promise.all(waits)
    }
    action.catch(() => {}) // may still be pending when the callback wins the race
    try {
      await (arrived ? Promise.race([action, arrived]) : action)
    } catch (e) {
      if (done) break
      return {
        ok: false,
        step: loginStepName(step, i),
        reason: (e as Error).message.split('\n')[0]!,
        pages,
      }
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
  | {
      ok: false
      step: string
      reason: string
      pageUrl?: string
      pages: string[]
      durationMs: number
    }

/**
 * How an authorization request that the AS must refuse ended in the browser (`refusal`). The
 * browser never logs in unless the AS shows its login page and the caller asked to go on.
 */
export type RefusalResult = (
  | {
      /** The browser was sent to the registered redirect URI: an error response, or a code. */
      kind: 'redirect'
      callbackUrl: string
      params: Record<string, string>
    }
  | {
      /** The browser was sent to a URI it must not be sent to (caught in the browser, never fetched). */
      kind: 'forbidden-redirect'
      url: string
      params: Record<string, string>
    }
  | {
      /** The AS stopped at a page of its own (no redirect, no login form): an error page. */
      kind: 'error-page'
      pageUrl: string
      /** The HTTP status of that page, where the browser saw it. */
      status?: number
    }
  | {
      /** The AS showed its login page (the first login step's element); nothing was typed (`onLogin: 'stop'`). */
      kind: 'login'
      pageUrl: string
    }
  | { kind: 'failed'; step: string; reason: string; pageUrl?: string }
) & {
  /** Whether the login and consent steps were run (the AS went on to login, `onLogin: 'continue'`). */
  loggedIn: boolean
  pages: string[]
  durationMs: number
}

/** How `refusal` watches an authorization request that must be refused. */
export interface RefusalOptions {
  /** The registered redirect URI: an error response (or a code) arrives there. */
  redirectUri: string
  /** URIs the AS must not send the browser to (any query or fragment): caught like the callback, never fetched. */
  forbidden?: string[]
  /**
   * Where the AS shows its login page: `stop` there (kind `login`), or `continue` with the login
   * and consent steps and report where they lead (an AS may validate after authenticating).
   */
  onLogin: 'stop' | 'continue'
  /** Login and consent steps other than the session's (e.g. the end-user's denial, config `browser.deny`). */
  steps?: readonly LoginStep[]
  /**
   * Start without the AS's cookies of earlier requests in this module (the end-user's session), as
   * the module's first authorization request did: the variant then differs from its control in
   * exactly the property under test.
   */
  freshSession?: boolean
}

/** What a module sees of the browser (ModuleContext.browser). */
export interface BrowserDriver {
  /**
   * Sends the browser to `url` (an authorization request), logs in and consents on the target's
   * pages (`steps`, default the session's), and returns the callback to `redirectUri` without any
   * server receiving it.
   */
  login(
    url: string,
    opts: { redirectUri: string; steps?: readonly LoginStep[] },
  ): Promise<LoginResult>
  /**
   * The end-user's denial of consent (config `browser.deny`; DEFAULT_DENY_STEPS for the embedded
   * AS); undefined where `browser.login` is configured and `browser.deny` is not.
   */
  readonly deny: readonly LoginStep[] | undefined
  /**
   * Sends the browser to `url`, an authorization request the AS must refuse, and reports how it
   * ended: an error response at the redirect URI, an error page at the AS, or (a finding) a
   * redirect to a forbidden URI or a code. Every wait is bounded by the session's timeout.
   */
  refusal(url: string, opts: RefusalOptions): Promise<RefusalResult>
}

/**
 * How long a page of the AS that neither redirects nor shows the login form is watched, once it has
 * loaded, before it counts as an error page (bounded by the session's timeout). A page answered
 * with HTTP 4xx/5xx counts at once.
 */
export const ERROR_PAGE_SETTLE_MS = 2_000

/**
 * Whether the page shows what the first login step acts on: the AS's login page. Waits until it
 * shows, or until the page has loaded and `settleMs` more passed without it; then decides on the
 * page as it is at that moment, never on a timer alone (a loaded machine may take longer than the
 * watch to paint a form the page already holds).
 */
async function showsLogin(
  page: Page,
  steps: readonly LoginStep[],
  timeoutMs: number,
  settleMs: number,
): Promise<boolean> {
  const first = steps[0]
  if (!first) return false
  const selector =
    'fill' in first ? first.fill : 'click' in first ? first.click : first.waitFor.selector
  const url = 'waitFor' in first ? first.waitFor.url : undefined
  if (!selector && !url) return false
  const shown = async (): Promise<boolean> =>
    (!selector ||
      (await page
        .locator(selector)
        .first()
        .isVisible()
        .catch(() => false))) &&
    (!url || new RegExp(url).test(page.url()))
  const waits: Promise<unknown>[] = []
  if (selector)
    waits.push(page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs }))
  if (url) waits.push(page.waitForURL(new RegExp(url), { timeout: timeoutMs, waitUntil: 'commit' }))
  const appeared = Promise.all(waits).then(
    () => true,
    () => false,
  )
  const watched = page
    .waitForLoadState('load', { timeout: timeoutMs })
    .catch(() => {})
    .then(() => new Promise((r) => setTimeout(r, settleMs)))
    .then(() => false)
  return (await Promise.race([appeared, watched])) || shown()
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
export async function serverPins(
  origins: string[],
  ca: string[],
  timeoutMs: number,
): Promise<string[]> {
  const pins = new Set<string>()
  for (const origin of new Set(origins)) {
    const u = new URL(origin)
    if (u.protocol !== 'https:') continue
    const der = await new Promise<Buffer | undefined>((res) => {
      const s = connect(
        {
          host: u.hostname,
          port: Number(u.port || 443),
          servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname,
          ca: ca.length ? ca : undefined,
          rejectUnauthorized: true,
          timeout: timeoutMs,
        },
        () => {
          const raw = s.getPeerCertificate().raw
          s.end()
          res(raw)
        },
      )
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
  const set = process.env.FAPI_HARNESS_CHROMIUM
  const path = set || DEFAULT_CHROMIUM
  if (!existsSync(path))
    return {
      unavailable: set
        ? `FAPI_HARNESS_CHROMIUM: ${path} does not exist`
        : `none of ${CHROMIUM_CANDIDATES.join(', ')} exists (install Debian's chromium-headless-shell or chromium, or set FAPI_HARNESS_CHROMIUM)`,
    }
  return { path }
}

/** Launches Chromium headless with the harness's flags; one per worker. */
export async function launchChromium(path: string, trust: BrowserTrust): Promise<Browser> {
  const args = [...CHROMIUM_ARGS]
  if (!trust.insecure && trust.spki.length)
    args.push(`--ignore-certificate-errors-spki-list=${trust.spki.join(',')}`)
  return chromium.launch({ executablePath: path, headless: true, args, timeout: 30_000 })
}

/** What the browser shows at the redirect URI (no server is involved). */
const CALLBACK_PAGE = Buffer.from(
  '<!DOCTYPE html><title>fapi-harness callback</title><p>callback received by the harness</p>',
).toString('base64')

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

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** How a module's browser session behaves: trust, the per-wait timeout, the login steps. */
export interface SessionOptions {
  insecure: boolean
  /** Bounds every navigation, action and wait (the plan's timeout). */
  timeoutMs: number
  allowedOrigins: string[]
  /** The login and consent steps (config `browser.login`); default DEFAULT_LOGIN_STEPS. */
  login?: readonly LoginStep[]
  /** The login and the denial of consent (config `browser.deny`); default DEFAULT_DENY_STEPS unless `login` is configured. */
  deny?: readonly LoginStep[]
  credentials: Credentials
}

/** A request of the page, as the interception sees it (the fragment appended where CDP reports one). */
type InterceptedRequest = { url: string; postData?: string }

/**
 * A fresh context with one blank page, made ready for a module before it needs it: default
 * timeouts set, tracing started, every request of the page paused for `route.intercept` (blocked
 * until a session takes the page) and the main frame's document status reported to
 * `route.document`. Nothing was ever loaded in it: no cookies, no cache, as a context made at the
 * first authorization request.
 */
export interface PreparedPage {
  context: BrowserContext
  page: Page
  cdp: CDPSession
  route: {
    intercept: (req: InterceptedRequest) => 'callback' | 'continue' | 'block'
    document: (status: number) => void
  }
}

/** Opens a PreparedPage in `browser` (a new context: a new renderer process, the costly part). */
export async function preparePage(
  browser: Browser,
  opts: { insecure: boolean; timeoutMs: number },
): Promise<PreparedPage> {
  const context = await browser.newContext({ ignoreHTTPSErrors: opts.insecure })
  try {
    context.setDefaultTimeout(opts.timeoutMs)
    context.setDefaultNavigationTimeout(opts.timeoutMs)
    // kept only when the module fails or cannot decide (evidence()); sources would bloat it. DOM
    // snapshots of every action, no screencast: its frames cost about a second of CPU per login
    // (Chromium encodes a picture at every paint), were thrown away with every passing module, and
    // are pictures the redaction cannot reach. A failure's own screenshot is attached apart.
    await context.tracing.start({ screenshots: false, snapshots: true, sources: false })
    const page = await context.newPage()
    const route: PreparedPage['route'] = { intercept: () => 'block', document: () => {} }
    page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.frame() === page.mainFrame())
        route.document(r.status())
    })
    // Chromium's Fetch domain, not context.route: Playwright's routes never see a redirect's target
    // (the handler "will only be called for the first url if the response is a redirect"), and the
    // callback is always one. Here every request is paused, redirects included.
    const cdp = await context.newCDPSession(page)
    cdp.on(
      'Fetch.requestPaused',
      (e: {
        requestId: string
        request: { url: string; urlFragment?: string; postData?: string }
      }) => {
        // CDP keeps the fragment apart (Network.Request.urlFragment): a hybrid or implicit response lives there
        const { urlFragment, ...req } = e.request
        const decision = route.intercept(
          urlFragment ? { ...req, url: `${req.url}${urlFragment}` } : req,
        )
        const sent =
          decision === 'callback'
            ? cdp.send('Fetch.fulfillRequest', {
                requestId: e.requestId,
                responseCode: 200,
                responseHeaders: [{ name: 'content-type', value: 'text/html' }],
                body: CALLBACK_PAGE,
              })
            : decision === 'continue'
              ? cdp.send('Fetch.continueRequest', { requestId: e.requestId })
              : cdp.send('Fetch.failRequest', {
                  requestId: e.requestId,
                  errorReason: 'BlockedByClient',
                })
        sent.catch(() => {}) // the context may be closing
      },
    )
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] })
    return { context, page, cdp, route }
  } catch (e) {
    await context.close().catch(() => {})
    throw e
  }
}

/**
 * One module's browser: a fresh context, opened on first use and closed by `close()`. Keeps the
 * page so that a failed module can be photographed (`screenshot()`).
 */
export class BrowserSession implements BrowserDriver {
  private context: BrowserContext | undefined
  private page: Page | undefined
  /** Decides each request of the page: the callback is answered here, other hosts are blocked. */
  private intercept: (req: InterceptedRequest) => 'callback' | 'continue' | 'block' = () => 'block'

  /** Selectors filled with a credential: masked in screenshots. */
  private readonly secretFields = new Set<string>()
  private tracing = false
  /** The HTTP status of the main frame's last document (an AS error page is usually 4xx). */
  private documentStatus: number | undefined

  private readonly browser: () => Promise<Browser>
  private readonly opts: SessionOptions

  /** Where the page comes from: a new context of the worker's browser, prepared ahead (preparePage). */
  private readonly pages: (() => Promise<PreparedPage>) | undefined

  constructor(
    browser: () => Promise<Browser>,
    opts: SessionOptions,
    pages?: () => Promise<PreparedPage>,
  ) {
    this.browser = browser
    this.opts = opts
    this.pages = pages
  }

  /**
   * Opens the page and arms the interception for one authorization request: the callback to
   * `redirectUri` and any `forbidden` URI are answered inside the browser; other hosts than the
   * target's are blocked. `arrived` settles when the browser reached one of them.
   */
  private async begin(
    url: string,
    redirectUri: string,
    forbidden: string[] = [],
    freshSession = false,
  ) {
    const page = await this.open()
    if (freshSession) await this.context!.clearCookies()
    const allowed = new Set([new URL(url).origin, ...this.opts.allowedOrigins])
    const state: {
      callback?: { url: string; body?: string }
      forbidden?: { url: string; body?: string }
    } = {}
    let arrive: () => void = () => {}
    const arrived = new Promise<void>((r) => (arrive = r))
    this.intercept = (req) => {
      const hit = isCallback(req.url, redirectUri)
        ? 'callback'
        : forbidden.some((f) => isCallback(req.url, f))
          ? 'forbidden'
          : undefined
      if (hit) {
        state[hit] ??= { url: req.url, ...(req.postData ? { body: req.postData } : {}) }
        arrive()
        return 'callback'
      }
      // the target's own pages only: no fonts, trackers or other hosts (issue #9: never an outside host)
      return allowed.has(new URL(req.url).origin) ? 'continue' : 'block'
    }
    this.documentStatus = undefined
    return { page, state, arrived }
  }

  /**
   * Lets the navigation to a caught redirect commit (bounded), so that the page URL shows it with its
   * fragment and no late commit interrupts the module's next navigation.
   */
  private async settleAt(page: Page, caught: { url: string }): Promise<void> {
    const target = caught.url.split('#')[0]
    await page
      .waitForURL((u) => u.href.split('#')[0] === target, {
        timeout: Math.min(this.opts.timeoutMs, 5_000),
        waitUntil: 'commit',
      })
      .catch(() => {})
  }

  /** The full URL of a caught redirect: the page URL keeps the fragment, which the request URL lacks. */
  private caughtUrl(page: Page, caught: { url: string }): string {
    // the page URL counts only when it is the very URL intercepted (a page still showing an earlier
    // callback of the same context would hand back an earlier, already used code)
    // callback of the same context would hand back an earlier, already used code). The intercepted
    // URL carries the fragment itself where Chromium reports it (urlFragment): it is then taken as
    // is, since a fragment response (code id_token) has the same URL before the fragment at every
    // login, and a page still at the previous callback would match it.
    if (caught.url.includes('#')) return caught.url
    return page.url().split('#')[0] === caught.url.split('#')[0] ? page.url() : caught.url
  }

  async login(
    url: string,
    { redirectUri, steps: loginSteps }: { redirectUri: string; steps?: readonly LoginStep[] },
  ): Promise<LoginResult> {
    const started = performance.now()
    const pages: string[] = []
    const done = (
      r: Omit<Extract<LoginResult, { ok: false }>, 'pages' | 'durationMs' | 'ok'>,
    ): LoginResult => ({
      ok: false,
      ...r,
      pages,
      durationMs: Math.round(performance.now() - started),
    })
    let armed: Awaited<ReturnType<BrowserSession['begin']>>
    try {
      armed = await this.begin(url, redirectUri)
    } catch (e) {
      return done({
        step: 'launch',
        reason: `the browser could not be started: ${(e as Error).message.split('\n')[0]}`,
      })
    }
    const { page, state, arrived } = armed
    const timeout = this.opts.timeoutMs
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout })
    } catch (e) {
      if (!state.callback)
        return done({
          step: 'authorization request',
          reason: `navigation failed: ${(e as Error).message.split('\n')[0]}`,
          pageUrl: page.url(),
        })
    }
    // login and consent: the given or configured steps (default: the embedded AS's forms), each bounded by the timeout
    const steps = await runLoginSteps(page, loginSteps ?? this.opts.login ?? DEFAULT_LOGIN_STEPS, {
      timeoutMs: timeout,
      credentials: this.opts.credentials,
      arrived,
      onSecretFill: (selector) => this.secretFields.add(selector),
    })
    pages.push(...steps.pages)
    if (!steps.ok) return done({ step: steps.step, reason: steps.reason, pageUrl: page.url() })
    if (!state.callback) await Promise.race([arrived, new Promise((r) => setTimeout(r, timeout))])
    if (!state.callback)
      return done({
        step: 'redirect',
        reason: `the browser was not redirected to the redirect URI within ${timeout} ms`,
        pageUrl: page.url(),
      })
    await this.settleAt(page, state.callback)
    const full = this.caughtUrl(page, state.callback)
    return {
      ok: true,
      callbackUrl: full,
      params: callbackParams(full, state.callback.body),
      pages,
      durationMs: Math.round(performance.now() - started),
    }
  }

  async refusal(url: string, opts: RefusalOptions): Promise<RefusalResult> {
    const started = performance.now()
    const pages: string[] = []
    let loggedIn = false
    const end = (
      r: DistributiveOmit<RefusalResult, 'loggedIn' | 'pages' | 'durationMs'>,
    ): RefusalResult =>
      ({
        ...r,
        loggedIn,
        pages,
        durationMs: Math.round(performance.now() - started),
      }) as RefusalResult
    let armed: Awaited<ReturnType<BrowserSession['begin']>>
    try {
      armed = await this.begin(url, opts.redirectUri, opts.forbidden, opts.freshSession)
    } catch (e) {
      return end({
        kind: 'failed',
        step: 'launch',
        reason: `the browser could not be started: ${(e as Error).message.split('\n')[0]}`,
      })
    }
    const { page, state, arrived } = armed
    const timeout = this.opts.timeoutMs
    const settled = async (): Promise<RefusalResult | undefined> => {
      const at = state.forbidden ?? state.callback
      if (at) await this.settleAt(page, at)
      return caught()
    }
    const caught = (): RefusalResult | undefined => {
      // a forbidden redirect is the finding even where the callback followed it
      if (state.forbidden) {
        const full = this.caughtUrl(page, state.forbidden)
        return end({
          kind: 'forbidden-redirect',
          url: full,
          params: callbackParams(full, state.forbidden.body),
        })
      }
      if (state.callback) {
        const full = this.caughtUrl(page, state.callback)
        return end({
          kind: 'redirect',
          callbackUrl: full,
          params: callbackParams(full, state.callback.body),
        })
      }
      return undefined
    }
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout })
    } catch (e) {
      if (!state.callback && !state.forbidden)
        return end({
          kind: 'failed',
          step: 'authorization request',
          reason: `navigation failed: ${(e as Error).message.split('\n')[0]}`,
          pageUrl: page.url(),
        })
    }
    pages.push(page.url())
    const steps = opts.steps ?? this.opts.login ?? DEFAULT_LOGIN_STEPS
    // a redirect, the login page, or an error page: a 4xx/5xx page decides at once, another page after a short watch
    const errorStatus = () => this.documentStatus !== undefined && this.documentStatus >= 400
    if (!caught() && !errorStatus()) {
      const login = await Promise.race([
        arrived.then(() => false),
        showsLogin(page, steps, timeout, Math.min(timeout, ERROR_PAGE_SETTLE_MS)),
      ])
      if (!caught() && login) {
        if (opts.onLogin === 'stop') return end({ kind: 'login', pageUrl: page.url() })
        loggedIn = true
        const r = await runLoginSteps(page, steps, {
          timeoutMs: timeout,
          credentials: this.opts.credentials,
          arrived,
          onSecretFill: (selector) => this.secretFields.add(selector),
        })
        pages.push(...r.pages.filter((p) => p !== pages[pages.length - 1]))
        if (!caught() && r.ok)
          await Promise.race([arrived, new Promise((res) => setTimeout(res, timeout))])
        if (!caught()) {
          // after the login the AS shows a page of its own: an error page where its status says so
          if (errorStatus() || r.ok)
            return end({
              kind: 'error-page',
              pageUrl: page.url(),
              ...(this.documentStatus !== undefined ? { status: this.documentStatus } : {}),
            })
          return end({ kind: 'failed', step: r.step, reason: r.reason, pageUrl: page.url() })
        }
      }
    }
    return (
      (await settled()) ??
      end({
        kind: 'error-page',
        pageUrl: page.url(),
        ...(this.documentStatus !== undefined ? { status: this.documentStatus } : {}),
      })
    )
  }

  /** A PNG of the current page, if the module opened one; fields filled with credentials are masked. */
  async screenshot(): Promise<Buffer | undefined> {
    if (!this.page || this.page.isClosed()) return undefined
    const page = this.page
    return page
      .screenshot({ timeout: 5_000, mask: [...this.secretFields].map((s) => page.locator(s)) })
      .catch(() => undefined)
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
    if (!this.page.isClosed())
      out.push({
        name: 'browser page URL',
        contentType: 'text/plain',
        body: Buffer.from(this.page.url()),
      })
    if (this.tracing) {
      this.tracing = false
      const dir = mkdtempSync(join(tmpdir(), 'fapi-harness-trace-'))
      try {
        const file = join(dir, 'trace.zip')
        await this.context.tracing.stop({ path: file })
        if (existsSync(file))
          out.push({
            name: 'playwright trace',
            contentType: 'application/zip',
            body: readFileSync(file),
          })
      } catch {
        /* no trace: the context is gone */
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
    return out
  }

  get deny(): readonly LoginStep[] | undefined {
    return this.opts.deny ?? (this.opts.login ? undefined : DEFAULT_DENY_STEPS)
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
    const prepared = this.pages
      ? await this.pages()
      : await preparePage(await this.browser(), this.opts)
    // this session's page from now on: its requests are decided by this session's interception
    prepared.route.intercept = (req) => this.intercept(req)
    prepared.route.document = (status) => (this.documentStatus = status)
    this.context = prepared.context
    this.tracing = true
    this.page = prepared.page
    return this.page
  }
}
