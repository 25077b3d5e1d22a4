/**
 * Start the reference AS in a child process (src/reference-as/serve.ts). Needed for mutants with
 * `sourcePatches` (module customization hooks must be registered before oidc-provider loads), and
 * handy to isolate a server. Resolves to the same `ReferenceAS` shape; `close()` stops the child.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { importCa } from '../crypto/certs.js'
import type { ProfileId } from '../suite/profile.js'
import type { ReferenceAS, StartReferenceOptions } from './types.js'
import type { Mutant } from './mutant.js'

export interface StartProcessOptions extends Omit<StartReferenceOptions, 'mutant'> {
  /** A mutant (its `module` must be set: `module: import.meta.url`) or the path of its file. */
  mutant?: Mutant | string
  /** Give up when the child has not printed its JSON line by then. Default 30 s. */
  startTimeoutMs?: number
  /** Forward the child's stderr to ours (default: kept, and shown only when start fails). */
  inheritStderr?: boolean
}

export interface ReferenceASProcess extends ReferenceAS {
  pid: number
}

const serveTs = fileURLToPath(new URL('./serve.ts', import.meta.url))

function tsxLoader(): string {
  const require = createRequire(import.meta.url)
  return pathToFileURL(require.resolve('tsx')).href
}

export async function startReferenceASProcess(
  opts: StartProcessOptions = {},
): Promise<ReferenceASProcess> {
  const args = ['--import', tsxLoader(), serveTs]
  let tmp: string | undefined
  if (opts.profiles) args.push('--profiles', opts.profiles.join(','))
  if (opts.mutant) {
    const file =
      typeof opts.mutant === 'string'
        ? opts.mutant
        : opts.mutant.module
          ? fileURLToPath(opts.mutant.module)
          : undefined
    if (!file)
      throw new TypeError(
        `mutant ${(opts.mutant as Mutant).id} has no module (set module: import.meta.url)`,
      )
    args.push('--mutant', file)
  }
  if (opts.clientCaPem) {
    tmp = await mkdtemp(join(tmpdir(), 'reference-as-proc-'))
    const f = join(tmp, 'client-ca.pem')
    await writeFile(f, opts.clientCaPem)
    args.push('--client-ca', f)
  }
  if (opts.tlsTermination && opts.tlsTermination !== 'self')
    args.push('--header', opts.tlsTermination.header)
  if (opts.publicOrigin) args.push('--public-origin', opts.publicOrigin)
  if (opts.cibaApprovalDelayMs !== undefined)
    args.push('--ciba-delay', String(opts.cibaApprovalDelayMs))
  if (opts.cibaInterval !== undefined) args.push('--ciba-interval', String(opts.cibaInterval))

  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-16_384)
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const cleanup = async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true })
  }

  let info: any
  try {
    info = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `reference AS child did not start within ${opts.startTimeoutMs ?? 30_000} ms`,
            ),
          ),
        opts.startTimeoutMs ?? 30_000,
      )
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', (line) => {
        clearTimeout(timer)
        try {
          resolve(JSON.parse(line))
        } catch {
          reject(new Error(`reference AS child printed a non-JSON line: ${line.slice(0, 200)}`))
        }
      })
      void exited.then((code) => {
        clearTimeout(timer)
        reject(new Error(`reference AS child exited with ${code} before listening`))
      })
    })
  } catch (err) {
    child.kill('SIGKILL')
    await cleanup()
    throw new Error(`${(err as Error).message}\n--- child stderr ---\n${stderr}`)
  }

  let closed: Promise<void> | undefined
  return {
    pid: child.pid!,
    origin: info.origin,
    listenOrigin: info.listenOrigin,
    issuers: info.issuers as Record<ProfileId, string>,
    caPem: info.caPem,
    caFile: info.caFile,
    clientCaPem: info.clientCaPem,
    ...(info.clientCaKeyPem
      ? { clientCa: await importCa(info.clientCaPem, info.clientCaKeyPem) }
      : {}),
    serverCertPem: await readFile(info.serverCertFile, 'utf8'),
    serverKeyPem: await readFile(info.serverKeyFile, 'utf8'),
    serverCertFile: info.serverCertFile,
    serverKeyFile: info.serverKeyFile,
    close() {
      closed ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM')
          const t = setTimeout(() => child.kill('SIGKILL'), 3000)
          await exited
          clearTimeout(t)
        }
        await cleanup()
      })()
      return closed
    },
  }
}
