/**
 * The embedded reference authorization server: one node https server, one oidc-provider instance
 * per profile, path-mounted at `${origin}/${profileId}` (that is the issuer). Started by the
 * harness when no `--issuer` is given, and by the self-tests (correct server and mutants).
 *
 *   const as = await startReferenceAS({ profiles: ['fapi1-advanced'] })
 *   as.issuers['fapi1-advanced']   // https://127.0.0.1:PORT/fapi1-advanced
 *   ... undici Agent({ connect: { ca: as.caPem, cert, key } }) ...
 *   await as.close()
 *
 * Extra routes per issuer: `${issuer}/resource` (protected resource, see resource.ts), and RFC 8414
 * path-inserted discovery at `${origin}/.well-known/oauth-authorization-server/${profileId}`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCa, issueServerCert } from '../crypto/certs.js'
import { PROFILE_IDS, type ProfileId } from '../suite/profile.js'
import {
  buildConfiguration,
  clientIdMismatchIsInvalidClient,
  PROFILE_SETTINGS,
  type ProfileSettings,
} from './config.js'
import { enablePushMode } from './ciba-push.js'
import { createCertificateSource, type TlsTermination } from './mtls.js'
import type {
  KoaContext,
  Mutant,
  MutantContext,
  Next,
  RelaxableCheck,
  RelaxInfo,
} from './mutant.js'
import { patchesApplied } from './patches.js'
import { resourceMiddleware } from './resource.js'

export type {
  Mutant,
  ProfilePolicy,
  KoaContext,
  KoaMiddleware,
  SourcePatch,
  RelaxableCheck,
} from './mutant.js'
export { PROFILE_SETTINGS } from './config.js'
export type { TlsTermination } from './mtls.js'
export {
  startReferenceASProcess,
  type StartProcessOptions,
  type ReferenceASProcess,
} from './process.js'

import type { ReferenceAS, StartReferenceOptions } from './types.js'

export type { ReferenceAS, StartReferenceOptions } from './types.js'

type OidcModule = typeof import('oidc-provider')

/** Run `fn` with oidc-provider's known-noise warnings dropped from console.warn. */
async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  const warn = console.warn
  const noise =
    /^(?:\x1b\[[0-9;]*m)?oidc-provider WARNING: (?:Unsupported runtime|a quick start development-only feature devInteractions)/
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && noise.test(args[0])) return
    warn.apply(console, args)
  }
  try {
    return await fn()
  } finally {
    console.warn = warn
  }
}

let oidcModule: Promise<OidcModule> | undefined
/** Import oidc-provider once per process (most of the start-up time). */
export function loadOidcProvider(): Promise<OidcModule> {
  oidcModule ??= quietly(() => import('oidc-provider'))
  return oidcModule
}

let signingKeys: Promise<{ keys: Array<Record<string, unknown>> }> | undefined
/** The AS's own signing keys (RSA-2048 for RS/PS, P-256, Ed25519), generated once per process. */
function serverSigningKeys() {
  signingKeys ??= (async () => {
    const rsa = await new Promise<import('node:crypto').KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (err, _pub, priv) =>
        err ? reject(err) : resolve(priv),
      ),
    )
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    const ed = generateKeyPairSync('ed25519').privateKey
    return {
      keys: [rsa, ec, ed].map((k) => ({ ...k.export({ format: 'jwk' }), use: 'sig' })),
    }
  })()
  return signingKeys
}

interface RequestStore {
  profile: ProfileId
  /** Set when the request goes to a profile the mutant breaks. */
  mutant?: Mutant
}
const requestContext = new AsyncLocalStorage<RequestStore>()

type RelaxFn = (check: RelaxableCheck, info: Omit<RelaxInfo, 'profile'>) => boolean
/** The run-time switch the (d) source patches consult (see patches.ts). */
function installRelaxHook() {
  const g = globalThis as { __referenceAsRelax?: RelaxFn }
  g.__referenceAsRelax ??= (check, info) => {
    const store = requestContext.getStore()
    if (!store?.mutant?.relax) return false
    try {
      return store.mutant.relax(check, { ...info, profile: store.profile }) === true
    } catch (err) {
      console.error(`reference-as mutant ${store.mutant.id}: relax(${check}) threw`, err)
      return false
    }
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const LOOPBACK_TIMEOUT_MS = 15_000

/**
 * oidc-provider's outgoing requests (client jwks_uri, CIBA ping notifications) are SSRF-protected
 * and refuse loopback addresses, where the harness's own endpoints live. This reference AS is a
 * test fixture: it sends loopback requests through its own undici agent (trusting `outboundCa`, the
 * CA of the harness's notification receiver, where given; otherwise the target's TLS certificate is
 * not verified there: harness fixtures use throwaway certificates) and everything
 * else through the library's default (protected) path.
 */
function outboundFetch(ca?: string[]) {
  let agent: import('undici').Agent | undefined
  const fetch = async (url: string, options: Record<string, unknown>) => {
    if (!LOOPBACK.has(new URL(url).hostname)) return globalThis.fetch(url, options as RequestInit)
    const undici = await import('undici')
    agent ??= new undici.Agent({ connect: ca?.length ? { ca } : { rejectUnauthorized: false } })
    // oidc-provider aborts after 2.5 s; a loaded test machine can take longer to reach its own fixtures
    const { dispatcher: _ignored, signal: _timeout, ...rest } = options
    return undici.fetch(url, {
      ...(rest as object),
      dispatcher: agent,
      signal: AbortSignal.timeout(LOOPBACK_TIMEOUT_MS),
    })
  }
  return { fetch, close: async () => agent?.close() }
}

function cloneSettings(s: ProfileSettings): ProfileSettings {
  return structuredClone(s)
}

/**
 * CIBA §7.1: the OP must accept its issuer, token endpoint URL or backchannel endpoint URL as the
 * assertion aud. oidc-provider accepts issuer, token endpoint and *the endpoint being called*; a
 * CIBA issuer also accepts the backchannel endpoint URL at its other endpoints (token, ...), since
 * it identifies the same server (RFC 7523 §3).
 */
function acceptBackchannelAudEverywhere(provider: any) {
  const proto = provider.OIDCContext.prototype
  const expected: () => Set<string> = proto.clientJwtAuthExpectedAudience
  proto.clientJwtAuthExpectedAudience = function (this: any) {
    const set = expected.call(this)
    set.add(this.urlFor('backchannel_authentication'))
    return set
  }
}

function cibaIntervalMiddleware(interval: number) {
  return async (ctx: KoaContext, next: Next) => {
    await next()
    if (
      ctx.path === '/backchannel' &&
      ctx.status === 200 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      'auth_req_id' in ctx.body
    ) {
      ctx.body.interval ??= interval
    }
  }
}

/**
 * RFC 6749 §5.1: a response carrying tokens has Cache-Control: no-store "as well as the Pragma
 * response header field with a value of no-cache". oidc-provider sets only the former.
 */
async function pragmaNoCache(ctx: KoaContext, next: Next) {
  await next()
  if (/(^|,)\s*no-store\s*(,|$)/i.test(String(ctx.response.get('cache-control') ?? '')))
    ctx.set('Pragma', 'no-cache')
}

/** Start the reference AS. Resolves when it listens; `close()` stops it and removes its temp files. */
export async function startReferenceAS(opts: StartReferenceOptions = {}): Promise<ReferenceAS> {
  const profiles = opts.profiles ?? [...PROFILE_IDS]
  for (const p of profiles) {
    if (!PROFILE_IDS.includes(p)) throw new TypeError(`unknown profile: ${p}`)
  }
  const mutant = opts.mutant
  if (mutant?.sourcePatches?.length && !patchesApplied(mutant.sourcePatches)) {
    throw new Error(
      `mutant ${mutant.id} patches library sources: start it with startReferenceASProcess() (src/reference-as/process.ts)`,
    )
  }
  if (mutant?.relax) installRelaxHook()
  const termination: TlsTermination = opts.tlsTermination ?? 'self'

  const [oidc, jwks, serverCa, clientCa] = await Promise.all([
    loadOidcProvider(),
    serverSigningKeys(),
    createCa('CN=fapi-harness reference AS CA,O=fapi-harness'),
    opts.clientCaPem
      ? Promise.resolve(undefined)
      : createCa('CN=fapi-harness client CA,O=fapi-harness'),
  ])
  const clientCaPem = opts.clientCaPem ?? clientCa!.certPem
  const serverCert = await issueServerCert(serverCa, {
    ips: ['127.0.0.1'],
    dns: ['localhost'],
    subject: 'CN=localhost',
  })
  const certs = createCertificateSource(termination, clientCaPem)

  const dir = await mkdtemp(join(tmpdir(), 'reference-as-'))
  const caFile = join(dir, 'ca.pem')
  const serverCertFile = join(dir, 'server.pem')
  const serverKeyFile = join(dir, 'server.key')
  await Promise.all([
    writeFile(caFile, serverCa.certPem),
    writeFile(serverCertFile, serverCert.certPem),
    writeFile(serverKeyFile, serverCert.keyPem, { mode: 0o600 }),
  ])

  const handlers = new Map<
    ProfileId,
    {
      handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>
      mutated: boolean
    }
  >()
  let publicUrl: URL | undefined

  const dispatch = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.statusCode = status
      res.setHeader('Content-Type', 'application/json; charset=utf-8')
      res.end(JSON.stringify(body))
    }
    let url = req.url ?? '/'
    const wk =
      /^\/\.well-known\/(oauth-authorization-server|openid-configuration)\/([^/?#]+)(\?.*)?$/.exec(
        url,
      )
    if (wk && handlers.has(wk[2] as ProfileId)) url = `/${wk[2]}/.well-known/${wk[1]}${wk[3] ?? ''}`
    const seg = url.slice(1).split(/[/?#]/, 1)[0] as ProfileId
    const target = handlers.get(seg)
    if (!target || !publicUrl) {
      if (url === '/' && publicUrl)
        return send(200, {
          issuers: Object.fromEntries(
            [...handlers.keys()].map((p) => [p, `${publicUrl!.origin}/${p}`]),
          ),
        })
      return send(404, { error: 'not_found', error_description: `no issuer at ${url}` })
    }
    const rest = url.slice(seg.length + 1)
    ;(req as { originalUrl?: string }).originalUrl = url
    req.url = rest.startsWith('/') ? rest : `/${rest}`
    // endpoint URLs (discovery, aud checks) always derive from the issuer origin, whatever Host says
    req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1)
    req.headers['x-forwarded-host'] = publicUrl.host
    const store: RequestStore = target.mutated ? { profile: seg, mutant } : { profile: seg }
    requestContext.run(store, () => {
      target.handle(req, res).catch((err: unknown) => {
        console.error('reference-as: unhandled error', err)
        if (!res.headersSent) send(500, { error: 'server_error' })
      })
    })
    return undefined
  }

  const server =
    termination === 'self'
      ? https.createServer(
          {
            key: serverCert.keyPem,
            cert: serverCert.certPem,
            ca: [clientCaPem],
            requestCert: true,
            rejectUnauthorized: false,
          },
          dispatch,
        )
      : http.createServer(dispatch)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const listenOrigin = `${termination === 'self' ? 'https' : 'http'}://127.0.0.1:${port}`
  const origin = (opts.publicOrigin ?? listenOrigin).replace(/\/+$/, '')
  const timers = new Set<NodeJS.Timeout>()
  const outbound = outboundFetch(opts.outboundCa)
  const cookieKeys = [randomBytes(32).toString('base64url')]
  const issuers = {} as Record<ProfileId, string>

  try {
    for (const profile of profiles) {
      const issuer = `${origin}/${profile}`
      issuers[profile] = issuer
      const mutated = !!mutant && mutant.profiles.includes(profile)
      const mctx: MutantContext = { profile, issuer }
      const settings = cloneSettings(PROFILE_SETTINGS[profile])
      const policy = { ...settings.policy, ...(mutated ? mutant!.policy : {}) }
      const config = buildConfiguration(settings, {
        profile,
        issuer,
        jwks: structuredClone(jwks),
        cookieKeys,
        certs,
        policy,
        errors: oidc.errors,
        cibaApprovalDelayMs: opts.cibaApprovalDelayMs ?? 1000,
        timers,
        fetch: outbound.fetch,
      })
      if (mutated) mutant!.configure?.(config, mctx)
      const provider = await quietly(() => new oidc.Provider(issuer, config))
      provider.proxy = true
      if (settings.ciba) acceptBackchannelAudEverywhere(provider)
      if (settings.ciba?.deliveryModes.includes('push')) await enablePushMode(provider, oidc.errors)
      if (mutated) mutant!.patchProvider?.(provider, mctx)
      if (mutated && mutant!.middleware) provider.use(mutant!.middleware)
      if (settings.ciba) provider.use(cibaIntervalMiddleware(opts.cibaInterval ?? 1))
      provider.use(pragmaNoCache)
      provider.use(resourceMiddleware(provider, certs, { dpopAlgs: settings.dPoPSigningAlgValues }))
      provider.use(clientIdMismatchIsInvalidClient())
      handlers.set(profile, { handle: provider.callback() as any, mutated })
    }
  } catch (err) {
    server.close()
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  publicUrl = new URL(origin)

  let closed: Promise<void> | undefined
  return {
    origin,
    listenOrigin,
    issuers,
    caPem: serverCa.certPem,
    caFile,
    clientCaPem,
    ...(clientCa ? { clientCa } : {}),
    serverCertPem: serverCert.certPem,
    serverKeyPem: serverCert.keyPem,
    serverCertFile,
    serverKeyFile,
    close() {
      closed ??= (async () => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await outbound.close()
        await rm(dir, { recursive: true, force: true })
      })()
      return closed
    },
  }
}
