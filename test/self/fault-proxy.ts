import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttps, type Server } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import 'reflect-metadata'
import type { ProfileId } from '../../src/suite/profile.js'
import { runHarness, type HarnessRun } from './harness.js'

/**
 * A loopback fault server for the harness's own robustness tests: a TLS proxy on 127.0.0.1 in
 * front of the embedded reference AS (plain HTTP behind it, client certificates passed in a header
 * as nginx does) that misbehaves on demand, per request: never answers, trickles, sends a gigantic
 * body, answers 5xx / HTML / JSON of the wrong types, rewrites a JSON answer (a discovery document
 * with another issuer), redirects, stops for good, or breaks TLS from then on. Started and stopped
 * by the test.
 */
export type Fault =
  | { kind: 'hang' }
  | { kind: 'trickle'; intervalMs?: number }
  | { kind: 'huge' }
  | { kind: 'answer'; status: number; contentType: string; body: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'rewrite-json'; edit: (json: Record<string, unknown>) => Record<string, unknown> }
  /** Closes every connection and stops listening: this and every later request is refused. */
  | { kind: 'stop' }
  /** After answering this request, the server presents a certificate of an unknown CA; connections are dropped. */
  | { kind: 'break-tls' }

export interface FaultRequest {
  /** 1-based number of this request among all the proxy saw. */
  n: number
  method: string
  path: string
  port: number
}

export interface FaultTarget {
  origin: string
  issuers: Record<ProfileId, string>
  /** A second listener of the same proxy (another origin, same AS behind it). */
  otherOrigin: string
  caFile: string
  configFile: string
  /** Every request the proxy saw, in order, with the fault it applied. */
  log: Array<FaultRequest & { fault?: Fault['kind'] }>
  /** Runs `fapi-harness run --no-html` against the proxy; `config`: another config file than `configFile`. */
  run(
    profiles: readonly ProfileId[],
    extra?: string[],
    config?: string,
  ): Promise<HarnessRun & { wallMs: number }>
  /** Writes a config file: target.yaml plus `extra` YAML lines; returns its path. */
  writeConfig(name: string, extra: string): string
}

export async function withFaultTarget<T>(
  opts: {
    name: string
    profiles: readonly ProfileId[]
    fault: (r: FaultRequest) => Fault | undefined
    config?: (t: { origin: string; otherOrigin: string }) => string
  },
  fn: (t: FaultTarget) => Promise<T>,
): Promise<T> {
  const { createCa, issueServerCert } = await import('../../src/crypto/certs.js')
  const { startReferenceAS } = await import('../../src/reference-as/index.js')
  const dir = mkdtempSync(join(tmpdir(), `${opts.name}-`))
  const ca = await createCa(`CN=${opts.name} fault proxy CA`)
  const cert = await issueServerCert(ca, { ips: ['127.0.0.1'] })
  const rogue = await issueServerCert(await createCa('CN=unknown CA'), { ips: ['127.0.0.1'] })
  const clientCa = await createCa(`CN=${opts.name} client CA`)
  writeFileSync(join(dir, 'ca.pem'), ca.certPem)
  writeFileSync(join(dir, 'client-ca.pem'), clientCa.certPem)
  writeFileSync(join(dir, 'client-ca.key'), clientCa.keyPem, { mode: 0o600 })

  const log: FaultTarget['log'] = []
  const sockets = new Set<Socket>()
  let upstream = ''
  let n = 0
  const servers: Server[] = []

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    edit?: (json: Record<string, unknown>) => Record<string, unknown>,
    close = false,
  ) => {
    const headers = { ...req.headers }
    delete headers['x-ssl-cert']
    const peer = (req.socket as TLSSocket).getPeerX509Certificate?.()
    if (peer) headers['x-ssl-cert'] = encodeURIComponent(peer.toString())
    const up = httpRequest(`${upstream}${req.url}`, { method: req.method, headers }, (ur) => {
      if (!edit) {
        res.writeHead(
          ur.statusCode ?? 502,
          close ? { ...ur.headers, connection: 'close' } : ur.headers,
        )
        ur.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      ur.on('data', (c: Buffer) => chunks.push(c))
      ur.on('end', () => {
        let body = Buffer.concat(chunks).toString('utf8')
        try {
          body = JSON.stringify(edit(JSON.parse(body) as Record<string, unknown>))
        } catch {
          /* not JSON: as it was */
        }
        const h = { ...ur.headers }
        delete h['content-length']
        delete h['transfer-encoding']
        res
          .writeHead(ur.statusCode ?? 502, { ...h, 'content-length': Buffer.byteLength(body) })
          .end(body)
      })
    })
    up.on('error', () => res.destroy())
    req.pipe(up)
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const r: FaultRequest = {
      n: ++n,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      port: req.socket.localPort ?? 0,
    }
    const fault = opts.fault(r)
    log.push({ ...r, ...(fault ? { fault: fault.kind } : {}) })
    if (!fault) return forward(req, res)
    req.resume()
    switch (fault.kind) {
      case 'hang':
        return
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"access_token":"')
        const t = setInterval(() => res.write('a'), fault.intervalMs ?? 100)
        res.on('close', () => clearInterval(t))
        return
      }
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(256 * 1024, 0x20)
        let sent = 0
        let open = true
        res.on('close', () => (open = false))
        const pump = () => {
          while (open && sent < 256 * 1024 * 1024) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
          if (open) res.end('{}')
        }
        return pump()
      }
      case 'answer':
        return res.writeHead(fault.status, { 'content-type': fault.contentType }).end(fault.body)
      case 'redirect':
        return res.writeHead(307, { location: fault.location }).end()
      case 'rewrite-json':
        return forward(req, res, fault.edit)
      case 'stop':
        for (const s of servers) s.close()
        for (const s of sockets) s.destroy()
        return
      case 'break-tls':
        // new handshakes get the rogue certificate; this request is still answered, then every
        // connection is dropped so the client must handshake again
        for (const s of servers) s.setSecureContext({ cert: rogue.certPem, key: rogue.keyPem })
        res.on('finish', () => setImmediate(() => sockets.forEach((s) => s.destroy())))
        return forward(req, res, undefined, true)
    }
  }

  const listen = async () => {
    const server = createHttps(
      { cert: cert.certPem, key: cert.keyPem, requestCert: true, rejectUnauthorized: false },
      handler,
    )
    server.on('connection', (s: Socket) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    server.on('tlsClientError', () => undefined)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    servers.push(server)
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const origin = await listen()
  const otherOrigin = await listen()
  const as = await startReferenceAS({
    profiles: [...opts.profiles],
    clientCaPem: clientCa.certPem,
    tlsTermination: { header: 'x-ssl-cert' },
    publicOrigin: origin,
  })
  upstream = as.listenOrigin
  try {
    const lines = [
      'tls:',
      '  client_ca:',
      '    cert: client-ca.pem',
      '    key: client-ca.key',
      'issuers:',
      ...opts.profiles.map((p) => `  ${p}: ${JSON.stringify(as.issuers[p])}`),
    ]
    const writeConfig = (name: string, extra: string) => {
      const file = join(dir, name)
      writeFileSync(file, `${lines.join('\n')}\n${extra}`)
      return file
    }
    const configFile = writeConfig('target.yaml', opts.config?.({ origin, otherOrigin }) ?? '')
    const run = async (
      profiles: readonly ProfileId[],
      extra: string[] = [],
      config = configFile,
    ) => {
      const t0 = performance.now()
      const r = await runHarness(
        [
          'run',
          '--no-html',
          ...profiles.flatMap((p) => ['--profile', p]),
          '--ca',
          join(dir, 'ca.pem'),
          '--config',
          config,
          ...extra,
        ],
        { timeoutMs: 240_000 },
      )
      return { ...r, wallMs: performance.now() - t0 }
    }
    return await fn({
      origin,
      otherOrigin,
      issuers: as.issuers,
      caFile: join(dir, 'ca.pem'),
      configFile,
      log,
      run,
      writeConfig,
    })
  } finally {
    for (const s of sockets) s.destroy()
    await Promise.all(
      servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))),
    )
    await as.close()
  }
}
