import { appendFileSync } from 'node:fs'
import { request } from 'undici'
import { HarnessError, type HarnessErrorCode } from '../errors.js'
import type { Exchange } from '../suite/result.js'
import { Agents, describeCertificate, type ClientIdentity, type ServerTrust } from './agents.js'

export interface HttpRequest {
  /** What the exchange is for, e.g. `token`, `registration`: names the evidence. */
  purpose: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  form?: URLSearchParams
  json?: unknown
  /** The TLS client certificate to present (mutual TLS). */
  identity?: ClientIdentity
}

const CAPTURE = process.env.FAPI_HARNESS_CAPTURE

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_|EPROTO$|ECONNRESET$)/
const TIMEOUT_CODES = /^(UND_ERR_(HEADERS|BODY|CONNECT)_TIMEOUT|ETIMEDOUT)$/

function causeCode(e: unknown): string {
  let cur: unknown = e
  for (let i = 0; cur && i < 5; i++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return (e as { code?: string }).code ?? 'UNKNOWN'
}

function classify(code: string): HarnessErrorCode {
  if (TIMEOUT_CODES.test(code)) return 'ERR_HTTP_TIMEOUT'
  if (TLS_CODES.test(code)) return 'ERR_TLS_HANDSHAKE'
  if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code)) return 'ERR_TARGET_UNREACHABLE'
  return 'ERR_HTTP_TRANSPORT'
}

/**
 * The simulator's only way onto the network. It never throws on an HTTP status: a 4xx or 5xx is
 * recorded and returned, and whether it was right is for the checks to say. Transport failures
 * (refused connection, TLS handshake, timeout) throw a HarnessError, unless the caller expects
 * them (a handshake the server should refuse), in which case they are recorded as evidence.
 */
export class HttpClient {
  readonly agents: Agents
  readonly #onExchange: (x: Exchange) => void

  constructor(opts: { trust: ServerTrust; timeoutMs: number; onExchange?: (x: Exchange) => void }) {
    this.agents = new Agents(opts.trust, opts.timeoutMs)
    this.#onExchange = opts.onExchange ?? (() => undefined)
  }

  async send(req: HttpRequest, opts: { allowTransportError?: boolean; onExchange?: (x: Exchange) => void } = {}): Promise<Exchange> {
    const headers: Record<string, string> = { 'user-agent': 'fapi-harness', ...(req.headers ?? {}) }
    let body: string | undefined
    if (req.form) {
      body = req.form.toString()
      headers['content-type'] ??= 'application/x-www-form-urlencoded'
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['content-type'] ??= 'application/json'
    }
    if (req.method === 'GET' || req.method === 'DELETE') headers.accept ??= 'application/json'
    const exchange: Exchange = {
      purpose: req.purpose,
      request: {
        method: req.method,
        url: req.url,
        headers: { ...headers },
        ...(body !== undefined ? { body } : {}),
        ...(req.identity ? { client_certificate: describeCertificate(req.identity.certPem) } : {}),
      },
      durationMs: 0,
    }
    // Benchmark-only (tools/bench.ts): the raw request, secrets included, for a bare replay.
    if (CAPTURE) appendFileSync(CAPTURE, `${JSON.stringify({ method: req.method, url: req.url, headers, body, identity: req.identity })}\n`)
    const started = performance.now()
    const record = () => {
      exchange.durationMs = Math.round((performance.now() - started) * 10) / 10
      this.#onExchange(exchange)
      opts.onExchange?.(exchange)
    }
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        dispatcher: this.agents.get(req.identity),
      })
      const text = await res.body.text()
      const resHeaders: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) resHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v)
      }
      exchange.response = { status: res.statusCode, headers: resHeaders, body: text }
      record()
      return exchange
    } catch (e) {
      const code = causeCode(e)
      exchange.transport_error = { code, message: (e as Error).message }
      record()
      if (opts.allowTransportError) return exchange
      const hc = classify(code)
      throw new HarnessError(hc, `${req.method} ${req.url}: ${code} ${(e as Error).message}`.trim(), { cause: e })
    }
  }

  close(): Promise<void> {
    return this.agents.close()
  }
}

/** The response body parsed as JSON, or why it is not JSON (status and content type). */
export function jsonBody(x: Exchange): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!x.response) return { ok: false, reason: `no response (${x.transport_error?.code ?? 'transport error'})` }
  const ct = x.response.headers['content-type'] ?? ''
  try {
    const value = JSON.parse(x.response.body ?? '')
    if (!/^application\/([a-z.+-]*\+)?json\b/i.test(ct)) {
      return { ok: false, reason: `body parses as JSON but Content-Type is ${ct || 'missing'}` }
    }
    return { ok: true, value }
  } catch {
    const start = (x.response.body ?? '').trimStart().slice(0, 40).replace(/\s+/g, ' ')
    return { ok: false, reason: `HTTP ${x.response.status} ${ct || 'without Content-Type'}, not JSON: "${start}${start.length >= 40 ? '…' : ''}"` }
  }
}
