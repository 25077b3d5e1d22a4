/**
 * Run the reference AS as a child process:
 *
 *   npx tsx src/reference-as/serve.ts [--profiles a,b] [--mutant test/mutants/<id>.ts]
 *       [--client-ca file] [--header x-ssl-cert --public-origin https://host:port]
 *       [--ciba-delay ms] [--ciba-interval s]
 *
 * Prints exactly one JSON line on stdout once listening:
 *   { origin, listenOrigin, issuers, caFile, caPem, clientCaPem, clientCaKeyPem?, serverCertFile, serverKeyFile }
 * and nothing else on stdout (logs go to stderr). Exits on SIGTERM/SIGINT or when stdin closes.
 *
 * A mutant with `sourcePatches` gets them applied here, through Node module customization hooks
 * registered before oidc-provider is imported (see patches.ts).
 */
import { register } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { readFile } from 'node:fs/promises'
import type { Mutant } from './mutant.js'
import { hooksModuleUrl, patchesApplied, patchedFiles } from './patches.js'
import type { ProfileId } from '../suite/profile.js'

// stdout carries exactly one JSON line: everything else goes to stderr
const toStderr = (...args: unknown[]) => console.error(...args)
console.log = toStderr
console.info = toStderr
console.debug = toStderr

function fail(message: string, err?: unknown): never {
  console.error(`reference-as serve: ${message}`, err ?? '')
  process.exit(1)
}

const { values } = parseArgs({
  options: {
    profiles: { type: 'string' },
    mutant: { type: 'string' },
    'client-ca': { type: 'string' },
    header: { type: 'string' },
    'public-origin': { type: 'string' },
    'ciba-delay': { type: 'string' },
    'ciba-interval': { type: 'string' },
  },
  strict: true,
})

let mutant: Mutant | undefined
if (values.mutant) {
  try {
    const mod = await import(pathToFileURL(resolve(values.mutant)).href)
    mutant = (mod.default ?? mod.mutant) as Mutant
  } catch (err) {
    fail(`cannot load mutant ${values.mutant}`, err)
  }
  if (!mutant?.id) fail(`${values.mutant} has no default export of a Mutant`)
  if (mutant.sourcePatches?.length) {
    register(hooksModuleUrl(), {
      parentURL: import.meta.url,
      data: { patches: mutant.sourcePatches },
    })
  }
}

const { startReferenceAS, loadOidcProvider } = await import('./index.js')
try {
  await loadOidcProvider()
} catch (err) {
  fail('loading oidc-provider failed', err)
}
if (mutant?.sourcePatches?.length && !patchesApplied(mutant.sourcePatches)) {
  fail(
    `source patches of mutant ${mutant.id} were not applied (files never loaded?): ${patchedFiles(mutant.sourcePatches).join(', ')}`,
  )
}

const as = await startReferenceAS({
  ...(values.profiles
    ? {
        profiles: values.profiles
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean) as ProfileId[],
      }
    : {}),
  ...(values['client-ca'] ? { clientCaPem: await readFile(values['client-ca'], 'utf8') } : {}),
  ...(mutant ? { mutant } : {}),
  ...(values.header ? { tlsTermination: { header: values.header } } : {}),
  ...(values['public-origin'] ? { publicOrigin: values['public-origin'] } : {}),
  ...(values['ciba-delay'] ? { cibaApprovalDelayMs: Number(values['ciba-delay']) } : {}),
  ...(values['ciba-interval'] ? { cibaInterval: Number(values['ciba-interval']) } : {}),
}).catch((err: unknown) => fail('start failed', err))

process.stdout.write(
  `${JSON.stringify({
    origin: as.origin,
    listenOrigin: as.listenOrigin,
    issuers: as.issuers,
    caFile: as.caFile,
    caPem: as.caPem,
    clientCaPem: as.clientCaPem,
    ...(as.clientCa ? { clientCaKeyPem: as.clientCa.keyPem } : {}),
    serverCertFile: as.serverCertFile,
    serverKeyFile: as.serverKeyFile,
    ...(mutant ? { mutant: mutant.id } : {}),
  })}\n`,
)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await as.close().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.on('error', stop)
process.stdin.resume()
