import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer as createHttps } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import 'reflect-metadata'
import { createCa, issueServerCert } from '../../src/crypto/certs.js'
import { runHarness } from './harness.js'

/** A TLS server on 127.0.0.1 whose every answer is decided by `handler`; its CA is written to a file. */
async function faultServer(
  handler: (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => void,
) {
  const ca = await createCa('CN=fault CA')
  const cert = await issueServerCert(ca, { ips: ['127.0.0.1'] })
  const server = createHttps({ cert: cert.certPem, key: cert.keyPem }, handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const dir = mkdtempSync(join(tmpdir(), 'fault-'))
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, ca.certPem)
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile,
    close: () => new Promise<void>((r) => server.close(() => r())),
    server,
  }
}

/** The one-line cause on stderr. */
const cause = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('fapi-harness:'))

test('an invalid config file exits 2 naming the JSON pointer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
  const file = join(dir, 'target.yaml')
  writeFileSync(file, 'issuer: not-a-url\ntls:\n  insecur: true\n')
  const run = await runHarness(['run', '--config', file])
  expect(run.code).toBe(2)
  const line = cause(run.stderr)
  expect(line).toHaveLength(1)
  expect(line[0]).toContain('/issuer')
  expect(line[0]).toContain('/tls')
  expect(run.results?.aborted?.code).toBe('ERR_CONFIG_INVALID')
})

test('an unknown profile exits 2', async () => {
  const run = await runHarness(['run', '--profile', 'fapi3'])
  expect(run.code).toBe(2)
  expect(run.results?.aborted?.code).toBe('ERR_UNKNOWN_PROFILE')
})

test('an unreachable target exits 2 naming the URL, and results.json is still written', async () => {
  const run = await runHarness([
    'run',
    '--issuer',
    'https://127.0.0.1:9/nowhere',
    '--profile',
    'oauth2',
  ])
  expect(run.code).toBe(2)
  expect(cause(run.stderr)[0]).toContain(
    'https://127.0.0.1:9/nowhere/.well-known/openid-configuration',
  )
  expect(run.results?.aborted?.code).toBe('ERR_TARGET_UNREACHABLE')
  expect(run.results?.results).toEqual([])
})

test('HTML where JSON was due exits 2 with the cause', async () => {
  const s = await faultServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>')
  })
  try {
    const run = await runHarness(['run', '--issuer', s.url, '--profile', 'oidc', '--ca', s.caFile])
    expect(run.code).toBe(2)
    expect(run.results?.aborted?.code).toBe('ERR_DISCOVERY_INVALID')
    expect(cause(run.stderr)[0]).toMatch(/not JSON/)
  } finally {
    await s.close()
  }
})

test('an untrusted server certificate exits 2 as a TLS failure; --insecure-tls proceeds with a warning', async () => {
  const s = await faultServer((_req, res) => {
    res.writeHead(404).end()
  })
  try {
    const run = await runHarness(['run', '--issuer', s.url, '--profile', 'oauth2'])
    expect(run.code).toBe(2)
    expect(run.results?.aborted?.code).toBe('ERR_TLS_HANDSHAKE')
    const insecure = await runHarness([
      'run',
      '--issuer',
      s.url,
      '--profile',
      'oauth2',
      '--insecure-tls',
    ])
    expect(insecure.stdout).toContain('WARNING: --insecure-tls')
    expect(insecure.results?.aborted?.code).toBe('ERR_DISCOVERY_INVALID')
  } finally {
    await s.close()
  }
})

test('a target that never answers times out with exit 2', async () => {
  const s = await faultServer(() => {
    /* never answers */
  })
  try {
    const run = await runHarness([
      'run',
      '--issuer',
      s.url,
      '--profile',
      'oauth2',
      '--ca',
      s.caFile,
      '--timeout',
      '500',
    ])
    expect(run.code).toBe(2)
    expect(run.results?.aborted?.code).toBe('ERR_HTTP_TIMEOUT')
  } finally {
    s.server.closeAllConnections()
    await s.close()
  }
})
