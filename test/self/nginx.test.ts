import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { Agent, request } from 'undici'
import { createCa, issueClientCert, type CertificateAuthority } from '../../src/crypto/certs.js'
import { startReferenceAS, type ReferenceAS } from '../../src/reference-as/index.js'
import { runHarness } from './harness.js'

/**
 * The reference AS behind Debian's nginx terminating TLS (docs/nginx.md): nginx asks for a client
 * certificate without verifying it (`ssl_verify_client optional_no_ca`) and passes it URL-encoded
 * in X-Ssl-Cert (`$ssl_client_escaped_cert`); the AS listens on plain HTTP on 127.0.0.1 and verifies
 * the certificate against the client CA itself. The mutual-TLS suites must pass through it, and a
 * client must not be able to forge the header.
 */
const NGINX = process.env.FAPI_HARNESS_NGINX ?? '/usr/sbin/nginx'
const HEADER = 'X-Ssl-Cert'
const PROFILES = ['fapi1-advanced', 'fapi2-security'] as const

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** What both locations proxy with (an include file in the recipe, docs/nginx.md). */
const PROXY_CONF = `proxy_pass http://authorization_server;
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $http_host;
proxy_set_header X-Forwarded-Proto https;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
# Always set by nginx: empty (and then not sent) without a certificate, which also drops any
# ${HEADER} header the client sent itself.
proxy_set_header ${HEADER} $ssl_client_escaped_cert;
`

/** The configuration under test; the deployment recipe in docs/nginx.md is the same server block. */
function nginxConf(o: {
  dir: string
  port: number
  upstream: string
  cert: string
  key: string
  root: boolean
}): string {
  return `# fapi-harness self-test: TLS termination in front of the reference AS (see docs/nginx.md)
daemon off;
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log notice;
${o.root ? 'user root root;\n' : ''}
events { worker_connections 256; }

http {
  access_log ${o.dir}/access.log;
  client_body_temp_path ${o.dir}/client_body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;

  upstream authorization_server {
    server ${o.upstream};
    keepalive 16;
  }

  server {
    listen 127.0.0.1:${o.port} ssl;
    server_name localhost;

    ssl_certificate     ${o.cert};
    ssl_certificate_key ${o.key};
    ssl_protocols       TLSv1.2 TLSv1.3;

    # Ask for a client certificate, accept any (the AS verifies it against its client CA):
    # self_signed_tls_client_auth certificates chain to no CA at all.
    ssl_verify_client optional_no_ca;

    # nginx still refuses some certificates itself even with optional_no_ca (expired, not yet
    # valid, bad signature: "400 The SSL certificate error", an HTML page). Hand those requests
    # to the AS as well, so that the refusal is an OAuth error (RFC 6749 §5.2, RFC 6750 §3.1).
    error_page 495 = @authorization_server;

    location / {
      include ${o.dir}/proxy.conf;
    }

    location @authorization_server {
      include ${o.dir}/proxy.conf;
    }
  }
}
`
}

interface Nginx {
  origin: string
  dir: string
  process: ChildProcess
  stop(): Promise<void>
}

async function startNginx(as: ReferenceAS, port: number): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-'))
  const conf = join(dir, 'nginx.conf')
  writeFileSync(join(dir, 'proxy.conf'), PROXY_CONF)
  writeFileSync(
    conf,
    nginxConf({
      dir,
      port,
      upstream: new URL(as.listenOrigin).host,
      cert: as.serverCertFile,
      key: as.serverKeyFile,
      root: process.getuid?.() === 0,
    }),
  )
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(join(dir, 'error.log'))
        ? readFileSync(join(dir, 'error.log'), 'utf8')
        : ''
      throw new Error(`nginx exited with ${child.exitCode}: ${stderr}\n${log}`)
    }
    const up = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1', () => (s.end(), r(true)))
      s.on('error', () => r(false))
    })
    if (up) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within 10 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    origin: `https://127.0.0.1:${port}`,
    dir,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const t = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(t)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

test.describe('reference AS behind nginx (TLS termination, client certificate in X-Ssl-Cert)', () => {
  test.describe.configure({ mode: 'default' })
  test.skip(
    !existsSync(NGINX),
    `nginx is not installed at ${NGINX} (Debian package nginx; or set FAPI_HARNESS_NGINX)`,
  )

  let as: ReferenceAS | undefined
  let nginx: Nginx | undefined
  let clientCa: CertificateAuthority | undefined
  let caDir: string | undefined

  test.beforeAll(async () => {
    clientCa = await createCa('CN=nginx test client CA,O=fapi-harness')
    const port = await freePort()
    as = await startReferenceAS({
      profiles: [...PROFILES],
      clientCaPem: clientCa.certPem,
      tlsTermination: { header: HEADER },
      publicOrigin: `https://127.0.0.1:${port}`,
    })
    nginx = await startNginx(as, port)
    caDir = mkdtempSync(join(tmpdir(), 'nginx-target-'))
    writeFileSync(join(caDir, 'client-ca.pem'), clientCa.certPem)
    writeFileSync(join(caDir, 'client-ca.key'), clientCa.keyPem, { mode: 0o600 })
    const issuers = PROFILES.map((p) => `  ${p}: ${as!.issuers[p]}\n`).join('')
    writeFileSync(
      join(caDir, 'target.yaml'),
      `issuers:\n${issuers}tls:\n  client_ca:\n    cert: client-ca.pem\n    key: client-ca.key\n`,
    )
  })

  test.afterAll(async () => {
    await nginx?.stop()
    await as?.close()
    if (caDir) rmSync(caDir, { recursive: true, force: true })
  })

  test('the reference AS listens on plain HTTP on 127.0.0.1, clients see nginx', () => {
    expect(as!.listenOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    for (const p of PROFILES) expect(as!.issuers[p]).toBe(`${nginx!.origin}/${p}`)
  })

  test('a client cannot forge the certificate header: nginx replaces it', async () => {
    const tls = new Agent({ connect: { ca: as!.caPem } })
    const subject = 'CN=forged header client,O=fapi-harness'
    const cert = await issueClientCert(clientCa!, { subject })
    const withCert = new Agent({ connect: { ca: as!.caPem, cert: cert.certPem, key: cert.keyPem } })
    const issuer = as!.issuers['fapi1-advanced']
    const reg = await request(`${issuer}/reg`, {
      method: 'POST',
      dispatcher: tls,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: subject,
        tls_client_certificate_bound_access_tokens: true,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      }),
    })
    expect(reg.statusCode).toBe(201)
    const { client_id } = (await reg.body.json()) as { client_id: string }
    const token = (dispatcher: Agent, headers: Record<string, string> = {}) =>
      request(`${issuer}/token`, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: `grant_type=client_credentials&client_id=${encodeURIComponent(client_id)}`,
      })
    const forged = await token(tls, { [HEADER]: encodeURIComponent(cert.certPem) })
    expect(forged.statusCode).toBe(401)
    expect(((await forged.body.json()) as { error: string }).error).toBe('invalid_client')
    const real = await token(withCert)
    expect(real.statusCode).toBe(200)
    await real.body.dump()
    await Promise.all([tls.close(), withCert.close()])
  })

  test('the mutual-TLS suites pass through nginx', async () => {
    const run = await runHarness(
      [
        'run',
        '--no-html',
        ...PROFILES.flatMap((p) => ['--profile', p]),
        '--ca',
        as!.caFile,
        '--config',
        join(caDir!, 'target.yaml'),
      ],
      { env: { FAPI_HARNESS_RESOURCE_URL: '{issuer}/resource' } },
    )
    const log = `${run.stdout}\n${run.stderr}`.slice(-4000)
    expect(run.results, log).toBeDefined()
    const results = run.results!.results
    const failed = results.filter((r) => r.status === 'failed')
    expect(
      failed.map((r) => `${r.profile}/${r.id}: ${r.message}`),
      log,
    ).toEqual([])
    expect(
      results
        .filter((r) => !['passed', 'not_applicable', 'failed'].includes(r.status))
        .map((r) => `${r.profile}/${r.id}: ${r.status} ${r.message}`),
    ).toEqual([])
    for (const p of PROFILES) {
      const mtls = results.filter((r) => r.profile === p && r.surface === 'mtls')
      expect(mtls.length, p).toBeGreaterThanOrEqual(17)
      const passed = mtls.filter((r) => r.status === 'passed').map((r) => r.id)
      for (const id of [
        'mtls-tls-client-auth-subject-dn',
        'mtls-tls-client-auth-san-ip',
        'mtls-tls-client-auth-other-ca',
        'mtls-tls-client-auth-expired-certificate',
        'mtls-self-signed-other-certificate',
        'mtls-bound-token-cnf',
        'mtls-bound-token-resource-other-certificate',
      ]) {
        expect(passed, `${p}/${id}`).toContain(id)
      }
    }
  })
})
