import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer as createHttps, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { createCa, issueServerCert, type CertificateAuthority } from '../../src/crypto/certs.js'
import { startReferenceAS, type ReferenceAS } from '../../src/reference-as/index.js'
import { defineMutant } from '../../src/reference-as/mutant.js'
import { recordCoverage, runHarness } from './harness.js'

/**
 * Self-test of the mutual-TLS modules (suites/mtls) behind a strict TLS front. (The mTLS mutants,
 * one RFC 8705 rule switched off each, run with the others in mutants.test.ts.)
 *
 * Proof that a refusal in the TLS layer counts: a correct server whose mTLS endpoints sit behind
 * a TLS front that refuses bad certificates in the handshake passes, through handshake-refused.
 */

/** A client CA with its key in a temp folder, and a target config naming it (tls.client_ca). */
async function clientCaConfig(
  label: string,
): Promise<{ ca: CertificateAuthority; dir: string; config: string }> {
  const ca = await createCa(`CN=${label} client CA,O=fapi-harness`)
  const dir = mkdtempSync(join(tmpdir(), `${label}-`))
  writeFileSync(join(dir, 'client-ca.pem'), ca.certPem)
  writeFileSync(join(dir, 'client-ca.key'), ca.keyPem, { mode: 0o600 })
  writeFileSync(
    join(dir, 'target.yaml'),
    'tls:\n  client_ca:\n    cert: client-ca.pem\n    key: client-ca.key\n',
  )
  return { ca, dir, config: join(dir, 'target.yaml') }
}

/**
 * A TLS front for the reference AS in header mode (what nginx does in nginx.test.ts): it asks for a
 * client certificate and forwards it URL-encoded in X-Ssl-Cert. `strict`: its TLS stack verifies
 * the certificate against the client CA and refuses the handshake otherwise (and without one).
 */
async function tlsFront(
  as: () => ReferenceAS,
  serverCert: { certPem: string; keyPem: string },
  clientCaPem: string,
  strict: boolean,
): Promise<{ server: Server; origin: string }> {
  const server = createHttps(
    {
      cert: serverCert.certPem,
      key: serverCert.keyPem,
      requestCert: true,
      rejectUnauthorized: strict,
      ca: [clientCaPem],
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerX509Certificate?.()
      const headers = { ...req.headers }
      delete headers['x-ssl-cert']
      if (peer) headers['x-ssl-cert'] = encodeURIComponent(peer.toString())
      const up = httpRequest(
        `${as().listenOrigin}${req.url}`,
        { method: req.method, headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers)
          r.pipe(res)
        },
      )
      up.on('error', () => {
        res.statusCode = 502
        res.end()
      })
      req.pipe(up)
    },
  )
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

test('a TLS layer that refuses bad client certificates in the handshake: the refusals count (handshake-refused)', async () => {
  // The mTLS endpoints (mtls_endpoint_aliases, RFC 8705 §5) and the resource sit behind a strict
  // TLS front; discovery and registration behind a lenient one. tls_client_auth only: a strict
  // front cannot admit self-signed certificates.
  const { ca: clientCa, dir, config } = await clientCaConfig('mtls-strict-front')
  const serverCa = await createCa('CN=strict front server CA')
  const serverCert = await issueServerCert(serverCa, { ips: ['127.0.0.1'] })
  writeFileSync(join(dir, 'server-ca.pem'), serverCa.certPem)
  let as: ReferenceAS | undefined
  const lenient = await tlsFront(() => as!, serverCert, clientCa.certPem, false)
  const strict = await tlsFront(() => as!, serverCert, clientCa.certPem, true)
  const p = 'fapi1-advanced'
  const layout = defineMutant({
    id: 'strict-tls-front',
    description: 'tls_client_auth only, mTLS endpoints on a strict TLS front (a correct server)',
    profiles: [p],
    expectFailures: {},
    configure(cfg, ctx) {
      cfg.clientAuthMethods = cfg.clientAuthMethods.filter(
        (m: string) => m !== 'self_signed_tls_client_auth',
      )
      cfg.discovery = {
        ...cfg.discovery,
        mtls_endpoint_aliases: {
          token_endpoint: `${strict.origin}/${ctx.profile}/token`,
          introspection_endpoint: `${strict.origin}/${ctx.profile}/token/introspection`,
        },
      }
    },
  })
  try {
    as = await startReferenceAS({
      profiles: [p],
      mutant: layout,
      clientCaPem: clientCa.certPem,
      tlsTermination: { header: 'x-ssl-cert' },
      publicOrigin: lenient.origin,
    })
    const run = await runHarness(
      [
        'run',
        '--no-html',
        '--workers',
        '1',
        '--grep',
        '@mtls',
        '--issuer',
        as.issuers[p],
        '--profile',
        p,
        '--ca',
        join(dir, 'server-ca.pem'),
        '--config',
        config,
      ],
      { env: { FAPI_HARNESS_RESOURCE_URL: `${strict.origin}/${p}/resource` } },
    )
    const log = `${run.stdout}\n${run.stderr}`.slice(-4000)
    expect(run.results, log).toBeDefined()
    recordCoverage('strict-tls-front', run.results!)
    const results = run.results!.results
    const failed = results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.message}`)
    expect(failed, log).toEqual([])
    const byId = (id: string) => results.find((r) => r.id === id)
    // not listing self_signed_tls_client_auth is allowed (a may): informational, never a failure
    expect(byId('mtls-metadata-auth-methods')).toMatchObject({ status: 'info', level: 'may' })
    expect(
      results
        .filter(
          (r) =>
            r.id !== 'mtls-metadata-auth-methods' &&
            !['passed', 'not_applicable', 'failed'].includes(r.status),
        )
        .map((r) => `${r.id}: ${r.status} ${r.message}`),
    ).toEqual([])
    for (const id of [
      'mtls-tls-client-auth-no-certificate',
      'mtls-tls-client-auth-other-ca',
      'mtls-tls-client-auth-expired-certificate',
      'mtls-bound-token-resource-no-certificate',
      'mtls-bound-token-resource-other-certificate',
    ]) {
      const r = byId(id)
      expect(r?.status, `${id}: ${r?.message}`).toBe('passed')
      expect(
        r?.checks.map((c) => c.check),
        id,
      ).toEqual(['handshake-refused'])
      expect(r?.checks[0]?.evidence?.refusedAt).toBe('tls-handshake')
    }
    // the resource refusals are judged at their variant step, next to a served control
    for (const id of [
      'mtls-bound-token-resource-no-certificate',
      'mtls-bound-token-resource-other-certificate',
    ]) {
      const r = byId(id)
      expect(
        r?.steps?.map((s) => s.name),
        id,
      ).toEqual(['register', 'token', 'resource-control', 'variant'])
      expect(
        r?.checks.map((c) => c.step),
        id,
      ).toEqual(['variant'])
      expect(r?.checks[0]?.evidence?.control, id).toMatchObject({ status: 200 })
    }
    // refused by the AS after a successful handshake: the subject is checked there
    expect(
      byId('mtls-tls-client-auth-subject-mismatch')?.checks.map((c) => [c.check, c.status]),
    ).toContainEqual(['attempt-refused', 'passed'])
    expect(byId('mtls-metadata-endpoint-aliases')?.status).toBe('passed')
    expect(byId('mtls-bound-token-cnf')?.status).toBe('passed')
    expect(byId('mtls-self-signed-other-certificate')?.status).toBe('not_applicable')
  } finally {
    await as?.close()
    for (const f of [lenient, strict]) {
      f.server.closeAllConnections()
      await new Promise<void>((r) => f.server.close(() => r()))
    }
    rmSync(dir, { recursive: true, force: true })
  }
})
