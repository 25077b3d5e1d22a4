import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { RunResults } from '../../src/suite/result.js'
import { BIN, ROOT } from './harness.js'

/**
 * Ctrl-C: `fapi-harness run` stops the test runner, its workers and their browser, and the embedded
 * AS; writes the partial results with `aborted`; exits non-zero; and leaves no process or
 * listening port behind.
 */

test.describe.configure({ timeout: 480_000 })

/** Parent pid of every process, from /proc. */
function parents(): Map<number, number> {
  const out = new Map<number, number>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      // pid (comm) state ppid ...: comm may hold spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      out.set(Number(d), ppid)
    } catch {
      /* gone */
    }
  }
  return out
}

function descendants(root: number): number[] {
  const pp = parents()
  const found: number[] = []
  let frontier = [root]
  while (frontier.length) {
    const next = [...pp].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid)
    found.push(...next)
    frontier = next
  }
  return found
}

const alive = (pid: number): boolean => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return state.slice(state.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

const refused = (port: number): Promise<boolean> =>
  new Promise((r) => {
    const s = connect(port, '127.0.0.1')
    s.on('connect', () => (s.destroy(), r(false)))
    s.on('error', () => r(true))
  })

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  test(`${signal} after the first results: partial results with aborted, exit non-zero, nothing left running`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'fapi-harness-interrupt-'))
    // oidc: discovery gives a first result at once, its redirect flows start the browser; two workers
    const grep =
      'discovery-document-valid|discovery-signing|authorization-code|oidc-id-token|pkce|refresh-token-grant'
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--profile',
        'oidc',
        '--grep',
        grep,
        '--no-html',
        '--out',
        out,
        '--timeout',
        '5000',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    const seen = new Set<number>()
    const partial = join(out, 'results.partial.jsonl')
    const t0 = Date.now()
    // wait for the first results (and a browser, if one comes up soon), noting every descendant
    let firstAt = 0
    while (Date.now() - t0 < 200_000) {
      for (const p of descendants(child.pid!)) seen.add(p)
      const n = existsSync(partial)
        ? readFileSync(partial, 'utf8').split('\n').filter(Boolean).length
        : 0
      if (n > 0 && !firstAt) firstAt = Date.now()
      const browser = [...seen].some(
        (p) => alive(p) && /chrom/i.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')),
      )
      if (firstAt && (browser || Date.now() - firstAt > 15_000)) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(firstAt, 'results appeared').toBeGreaterThan(0)
    for (const p of descendants(child.pid!)) seen.add(p)
    const port = Number(
      /Embedded reference AS \(oidc-provider\) at https:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1],
    )
    expect(port).toBeGreaterThan(0)
    const browsers = [...seen].filter(
      (p) => alive(p) && /chrom/i.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')),
    ).length
    test.info().annotations.push({
      type: 'processes',
      description: `${seen.size} descendants, ${browsers} browser processes at the signal`,
    })
    child.kill(signal)
    const code = await Promise.race([
      exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000)),
    ])
    expect(code, stderr).not.toBe('hung')
    expect(code).not.toBe(0)
    expect(code).toBe(2)
    expect(stderr).toContain('ERR_INTERRUPTED')
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResults
    expect(results.aborted?.code).toBe('ERR_INTERRUPTED')
    expect(results.results.length).toBeGreaterThan(0)
    // a result cut short is an error, never a pass
    for (const r of results.results.filter((x) => x.errorCode === 'ERR_INTERRUPTED'))
      expect(r.status).toBe('error')
    expect(existsSync(join(out, 'junit.xml'))).toBe(true)
    expect(seen.size).toBeGreaterThan(0)
    // no process of the run and no listening port is left: a browser's helpers end after their
    // parent, a loaded machine takes a moment to reap them; one that is never reaped fails the poll
    await expect
      .poll(() => [...seen].filter(alive), { timeout: 20_000, intervals: [250] })
      .toEqual([])
    expect(await refused(port)).toBe(true)
  })
