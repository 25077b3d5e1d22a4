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

/**
 * The most the harness reads of one response body. Every document it expects (discovery, JWKS,
 * token and registration responses, error pages) is far smaller; a larger body is cut off, the
 * connection dropped, and the exchange ends as a transport error, never as a partial document.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_|EPROTO$|ECONNRESET$)/
const TIMEOUT_CODES = /^(UND_ERR_(HEADERS|BODY|CONNECT)_TIMEOUT|ETIMEDOUT|ERR_HTTP_DEADLINE)$/

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
  if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code))
    return 'ERR_TARGET_UNREACHABLE'
  if (code === 'ERR_HTTP_BODY_TOO_LARGE') return 'ERR_HTTP_BODY_TOO_LARGE'
  return 'ERR_HTTP_TRANSPORT'
}

/** Why a request was cut short by the harness itself (deadline or size cap), with its own code. */
class CutShort extends Error {
  readonly code: 'ERR_HTTP_DEADLINE' | 'ERR_HTTP_BODY_TOO_LARGE'
  constructor(code: 'ERR_HTTP_DEADLINE' | 'ERR_HTTP_BODY_TOO_LARGE', message: string) {
    super(message)
    this.code = code
  }
}

/** Reads a body up to `max` bytes; beyond that the stream is destroyed and CutShort thrown. */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(e?: Error): unknown },
  max: number,
): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > max) {
      const e = new CutShort(
        'ERR_HTTP_BODY_TOO_LARGE',
        `the response body exceeds ${max} bytes: cut off unread`,
      )
      body.destroy(e)
      throw e
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The simulator's only way onto the network. It never throws on an HTTP status: a 4xx or 5xx is
 * recorded and returned, and whether it was right is for the checks to say. Transport failures
 * (refused connection, TLS handshake, timeout) throw a HarnessError, unless the caller expects
 * them (a handshake the server should refuse), in which case they are recorded as evidence.
 *
 * Against a hostile or broken server: every exchange has one deadline, `timeoutMs` from the
 * request to the last byte of the body (a body that trickles in byte by byte cannot keep it open),
 * and a body larger than MAX_RESPONSE_BYTES is cut off. Redirects are never followed (undici's
 * `request` follows none without a redirect interceptor): a 3xx is recorded and returned like any
 * other answer, so a credential never travels to the URL a `Location` header names.
 */
export class HttpClient {
  readonly agents: Agents
  readonly #onExchange: (x: Exchange) => void
  readonly #timeoutMs: number
  readonly #maxBytes: number

  constructor(opts: {
    trust: ServerTrust
    timeoutMs: number
    onExchange?: (x: Exchange) => void
    maxResponseBytes?: number
  }) {
    this.agents = new Agents(opts.trust, opts.timeoutMs)
    this.#onExchange = opts.onExchange ?? (() => undefined)
    this.#timeoutMs = opts.timeoutMs
    this.#maxBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES
  }

  async send(
    req: HttpRequest,
    opts: { allowTransportError?: boolean; onExchange?: (x: Exchange) => void } = {},
  ): Promise<Exchange> {
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
    if (CAPTURE)
      appendFileSync(
        CAPTURE,
        `${JSON.stringify({ at: Date.now(), method: req.method, url: req.url, headers, body, identity: req.identity })}\n`,
      )
    const started = performance.now()
    const record = () => {
      exchange.durationMs = Math.round((performance.now() - started) * 10) / 10
      this.#onExchange(exchange)
      opts.onExchange?.(exchange)
    }
    const deadline = new AbortController()
    const timer = setTimeout(
      () =>
        deadline.abort(
          new CutShort('ERR_HTTP_DEADLINE', `no complete response within ${this.#timeoutMs} ms`),
        ),
      this.#timeoutMs,
    )
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        dispatcher: this.agents.get(req.identity),
        signal: deadline.signal,
      })
      const text = await readCapped(res.body, this.#maxBytes)
      const resHeaders: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined)
          resHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v)
      }
      exchange.response = { status: res.statusCode, headers: resHeaders, body: text }
      record()
      return exchange
    } catch (err) {
      // an abort by the deadline surfaces as undici's AbortError; the reason says what happened
      const e =
        deadline.signal.aborted && deadline.signal.reason instanceof CutShort
          ? deadline.signal.reason
          : err
      const code = causeCode(e)
      exchange.transport_error = { code, message: (e as Error).message }
      record()
      if (opts.allowTransportError) return exchange
      const hc = classify(code)
      // the code and message of the cause are in the line; the cause itself only under --debug
      const msg = (e as Error).message
      throw new HarnessError(
        hc,
        `${req.method} ${req.url} (${req.purpose}): ${msg.startsWith(code) ? msg : `${code} ${msg}`}`.trim(),
        process.env.FAPI_HARNESS_DEBUG ? { cause: e } : undefined,
      )
    } finally {
      clearTimeout(timer)
    }
  }

  close(): Promise<void> {
    return this.agents.close()
  }
}

/** The response body parsed as JSON, or why it is not JSON (status and content type). */
export function jsonBody(
  x: Exchange,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!x.response)
    return { ok: false, reason: `no response (${x.transport_error?.code ?? 'transport error'})` }
  const ct = x.response.headers['content-type'] ?? ''
  try {
    const value = JSON.parse(x.response.body ?? '')
    if (!/^application\/([a-z.+-]*\+)?json\b/i.test(ct)) {
      return { ok: false, reason: `body parses as JSON but Content-Type is ${ct || 'missing'}` }
    }
    return { ok: true, value }
  } catch {
    const start = (x.response.body ?? '').trimStart().slice(0, 40).replace(/\s+/g, ' ')
    return {
      ok: false,
      reason: `HTTP ${x.response.status} ${ct || 'without Content-Type'}, not JSON: "${start}${start.length >= 40 ? '…' : ''}"`,
    }
  }
}
