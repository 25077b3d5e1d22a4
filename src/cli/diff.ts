/** `fapi-harness diff OLD NEW`: the terse table on stdout, the Markdown for a CI comment in a file. */
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { diffLines, diffMarkdown, diffRuns } from '../report/diff.js'
import { readRun, textTable } from './run.js'

const log = (s: string) => process.stdout.write(`${s}\n`)

/** Exit code: 1 when NEW has a regression (a failure, not expected, that OLD did not have), else 0. */
export function diffCommand(oldPath: string, newPath: string, opts: { markdown?: string }): number {
  const oldRun = readRun(oldPath, 'OLD')
  const newRun = readRun(newPath, 'NEW')
  const d = diffRuns(oldRun, newRun, { old: oldPath, new: newPath })
  for (const line of diffLines(d, textTable)) log(line)
  const md =
    opts.markdown ??
    join(
      existsSync(newPath) && statSync(newPath).isDirectory() ? newPath : dirname(newPath),
      'diff.md',
    )
  writeFileSync(md, diffMarkdown(d))
  log(`diff: ${md}`)
  if (d.regressions.length)
    process.stderr.write(
      `fapi-harness: ${d.regressions.length} ${d.regressions.length === 1 ? 'regression' : 'regressions'}, e.g. ${d.regressions[0]!.key}: ${d.regressions[0]!.message}\n`,
    )
  return d.regressions.length ? 1 : 0
}
