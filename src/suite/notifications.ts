import { randomBytes } from 'node:crypto'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import { HarnessError } from '../errors.js'

/**
 * The client's notification endpoint for CIBA ping (and push) mode (CIBA §10.2, §10.3): an HTTPS
 * server on 127.0.0.1 that records every request it receives and answers 204. A test run starts
 * one per worker when a module first needs it and stops it with the worker (playwright.ts).
 *
 * Its public URL, the one registered as `backchannel_client_notification_endpoint`, is its own
 * loopback URL unless the configuration names another (`ciba.notification.public_url`, for a
 * target that reaches the harness through a tunnel or proxy forwarding to `port`).
 */
export interface ReceivedNotification {
  method: string
  path: string
  /** The Authorization header as received (a secret: the client_notification_token). */
  authorization?: string
  contentType?: string
  body: string
  receivedAt: number
}

export interface NotificationReceiverOptions {
  certPem: string
  keyPem: string
  /** Fixed local port; default: a free one. */
  port?: number
  /** URL the target calls; default `https://127.0.0.1:<port>/fapi-harness/ciba-notification`. */
  publicUrl?: string
}

export const NOTIFICATION_PATH = '/fapi-harness/ciba-notification'
const MAX_BODY = 64 * 1024

export class NotificationReceiver {
  readonly received: ReceivedNotification[] = []
  private waiters = new Set<() => void>()
  private readonly server: https.Server
  readonly url: string
  private constructor(server: https.Server, url: string) {
    this.server = server
    this.url = url
  }

  static async start(opts: NotificationReceiverOptions): Promise<NotificationReceiver> {
    let receiver: NotificationReceiver | undefined
    const server = https.createServer({ cert: opts.certPem, key: opts.keyPem }, (req, res) => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size <= MAX_BODY) chunks.push(c)
      })
      req.on('end', () => {
        receiver?.add({
          method: req.method ?? '',
          path: req.url ?? '',
          ...(req.headers.authorization !== undefined
            ? { authorization: req.headers.authorization }
            : {}),
          ...(req.headers['content-type'] !== undefined
            ? { contentType: req.headers['content-type'] }
            : {}),
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        })
        res.statusCode = 204
        res.end()
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new HarnessError(
            'ERR_PRECONDITION',
            `the CIBA notification receiver cannot listen on 127.0.0.1:${opts.port ?? 0}: ${e.code ?? e.message}${e.code === 'EADDRINUSE' ? ' (with ciba.notification.port fixed, run with --workers 1)' : ''}`,
            { cause: e },
          ),
        ),
      )
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
    })
    const { port } = server.address() as AddressInfo
    receiver = new NotificationReceiver(
      server,
      opts.publicUrl ?? `https://127.0.0.1:${port}${NOTIFICATION_PATH}`,
    )
    return receiver
  }

  private add(n: ReceivedNotification) {
    this.received.push(n)
    for (const w of this.waiters) w()
  }

  /** The first notification (already received or arriving within `timeoutMs`) that `match` accepts. */
  async waitFor(
    match: (n: ReceivedNotification) => boolean,
    timeoutMs: number,
  ): Promise<ReceivedNotification | undefined> {
    const found = () => this.received.find(match)
    const now = found()
    if (now) return now
    return new Promise((resolve) => {
      const done = (n: ReceivedNotification | undefined) => {
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve(n)
      }
      const check = () => {
        const n = found()
        if (n) done(n)
      }
      const timer = setTimeout(() => done(undefined), timeoutMs)
      this.waiters.add(check)
    })
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }
}

/** A client_notification_token (CIBA §7.1: a bearer token, RFC 6750 §2.1 syntax). */
export function notificationToken(): string {
  return `fapi-harness-${randomBytes(24).toString('base64url')}`
}
