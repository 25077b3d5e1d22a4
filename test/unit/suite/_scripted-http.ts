import { ClientCertificates } from '../../../src/client/auth/client-certificates.js'
import { Simulator, type TargetParams } from '../../../src/client/simulator.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import type { HttpClient, HttpRequest } from '../../../src/http/client.js'
import { profileClient } from '../../../src/suite/flow.js'
import type { ModuleContext } from '../../../src/suite/module.js'
import type { Profile } from '../../../src/suite/profile.js'
import type { Exchange } from '../../../src/suite/result.js'

/** A scripted answer: an HTTP status and JSON body, or a failure below HTTP. */
export type Reply = { status: number; body?: unknown } | { transport: string }

/**
 * A stand-in for HttpClient that answers each request from the queue of its purpose
 * (`registration`, `token`, ...), in call order, and throws on a request nobody scripted. It keeps
 * what was sent (forms copied, since the simulator reuses nothing after sending).
 */
export class ScriptedHttp {
  readonly sent: HttpRequest[] = []
  private readonly queues: Record<string, Reply[]>

  constructor(script: Record<string, Reply[]>) {
    this.queues = Object.fromEntries(Object.entries(script).map(([k, v]) => [k, [...v]]))
  }

  /** Replies scripted but never asked for. */
  unused(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.queues)
        .filter(([, v]) => v.length)
        .map(([k, v]) => [k, v.length]),
    )
  }

  /** The JSON bodies of the registrations sent, in order. */
  registrations(): Record<string, unknown>[] {
    return this.sent
      .filter((r) => r.purpose === 'registration')
      .map((r) => r.json as Record<string, unknown>)
  }

  /** The forms sent for a purpose, in order. */
  forms(purpose: string): URLSearchParams[] {
    return this.sent.filter((r) => r.purpose === purpose).map((r) => r.form!)
  }

  async send(
    req: HttpRequest,
    opts: { onExchange?: (x: Exchange) => void } = {},
  ): Promise<Exchange> {
    this.sent.push({ ...req, ...(req.form ? { form: new URLSearchParams(req.form) } : {}) })
    const reply = this.queues[req.purpose]?.shift()
    if (!reply)
      throw new Error(
        `unscripted ${req.purpose} request (#${this.sent.filter((r) => r.purpose === req.purpose).length})`,
      )
    const body = req.form
      ? req.form.toString()
      : req.json !== undefined
        ? JSON.stringify(req.json)
        : undefined
    const contentType = req.form ? 'application/x-www-form-urlencoded' : 'application/json'
    const x: Exchange = {
      purpose: req.purpose,
      request: {
        method: req.method,
        url: req.url,
        headers: { 'content-type': contentType, ...(req.headers ?? {}) },
        ...(body !== undefined ? { body } : {}),
      },
      durationMs: 1,
    }
    if ('transport' in reply) x.transport_error = { code: reply.transport, message: 'scripted' }
    else
      x.response = {
        status: reply.status,
        headers: { 'content-type': 'application/json' },
        body: reply.body === undefined ? '' : JSON.stringify(reply.body),
      }
    opts.onExchange?.(x)
    return x
  }
}

/**
 * A module context over a real Simulator whose network is the scripted client: the simulator
 * behaves as a correct client of `profile` (profileClient), with `params` as the target's.
 */
export function scriptedContext(
  profile: Profile,
  metadata: ServerMetadata,
  http: ScriptedHttp,
  opts: { params?: TargetParams; sleep?: (ms: number) => Promise<void> } = {},
): ModuleContext {
  const sim = new Simulator({
    http: http as unknown as HttpClient,
    issuer: metadata.issuer,
    metadata,
    now: () => Math.floor(Date.now() / 1000),
    identities: {
      selfSigned: async (label) => ({ certPem: `fake cert ${label}`, keyPem: 'fake key', x5c: [] }),
    },
    ...profileClient(profile),
    ...(opts.params ? { params: opts.params } : {}),
  })
  return {
    profile,
    metadata,
    expectedIssuer: metadata.issuer,
    sim,
    audience: 'token_endpoint',
    learned: {},
    certificates: new ClientCertificates(),
    sleep: opts.sleep ?? (async () => undefined),
  }
}
