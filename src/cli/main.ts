import { Command, InvalidArgumentError, Option } from 'commander'
import { HarnessError, oneLine } from '../errors.js'
import { run, toolInfo } from './run.js'

const int = (name: string) => (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a positive integer`)
  return n
}

const program = new Command('fapi-harness')
  .description(
    'FAPI / OAuth 2.0 / OpenID Connect / CIBA conformance harness: plays the client against an authorization server',
  )
  .version(toolInfo().version)
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))

program
  .command('run', { isDefault: false })
  .description('run the profile suites against a target (default: the embedded reference AS)')
  .option('--issuer <url>', 'issuer of the target AS (default: start the embedded reference AS)')
  .option(
    '--profile <id>',
    'profile to run (repeatable; default all)',
    (v: string, prev: string[] = []) => [...prev, v],
  )
  .option('--config <file>', 'YAML or JSON configuration')
  .option('--out <dir>', 'output folder', 'reports')
  .option('--grep <regex>', 'only tests whose id/title matches')
  .option(
    '--ca <file>',
    "PEM file of CA certificates trusting the target's server certificate (repeatable)",
    (v: string, prev: string[] = []) => [...prev, v],
  )
  .option('--insecure-tls', 'do not verify the server certificate (prints a warning)')
  .option('--workers <n>', 'parallel workers', int('--workers'))
  .option('--timeout <ms>', 'HTTP timeout per request in milliseconds', int('--timeout'))
  .addOption(
    new Option(
      '--no-html',
      'skip the Allure HTML report (results.json, junit.xml and summary.html are still written)',
    ),
  )
  .option('--debug', 'keep the top of the stack of internal errors in results and on stderr')
  .option(
    '--expect <file>',
    'YAML or JSON list of expected failures (each with a reason): reported as expected_failure, they do not fail the run',
  )
  .option(
    '--baseline <results>',
    'an earlier results.json (or its folder): print the diff, write diff.md, exit 1 only on regressions',
  )
  .option(
    '--shard <i/n>',
    'run only the i-th of n deterministic slices; combine the outputs with `fapi-harness merge`',
  )
  .action(async (opts) => {
    if (opts.debug) process.env.FAPI_HARNESS_DEBUG = '1'
    process.exitCode = await run(opts)
  })

program
  .command('diff <old> <new>')
  .description(
    'compare two runs (results.json files or output folders): new failures, fixed, status changes, added, removed, requirement verdicts',
  )
  .option(
    '--markdown <file>',
    'where to write the Markdown for a CI comment (default: diff.md next to NEW)',
  )
  .action(async (oldPath: string, newPath: string, opts: { markdown?: string }) => {
    const { diffCommand } = await import('./diff.js')
    process.exitCode = diffCommand(oldPath, newPath, opts)
  })

program
  .command('merge <dirs...>')
  .description(
    'combine the outputs of `run --shard i/n` into one results.json, junit.xml, summary.html and Allure report',
  )
  .option('--out <dir>', 'output folder', 'reports')
  .addOption(new Option('--no-html', 'skip the Allure HTML report'))
  .option(
    '--baseline <results>',
    'as for run: the diff against an earlier results.json, diff.md; exit 1 only on regressions',
  )
  .action(async (dirs: string[], opts: { out: string; html?: boolean; baseline?: string }) => {
    const { merge } = await import('./merge.js')
    process.exitCode = await merge(dirs, opts)
  })

program
  .command('list')
  .description(
    'the modules (and the requirements their profile cites) a run would judge, without running',
  )
  .option(
    '--profile <id>',
    'profile (repeatable; default all)',
    (v: string, prev: string[] = []) => [...prev, v],
  )
  .option('--json', 'JSON instead of a table')
  .action(async (opts: { profile?: string[]; json?: boolean }) => {
    const { list } = await import('./list.js')
    process.exitCode = await list(opts)
  })

program
  .command('keys')
  .description(
    'generate the keys and certificates a client must register when the target has no registration endpoint',
  )
  .option('--out <dir>', 'where to write them', 'keys')
  .action(async (opts: { out: string }) => {
    const { generateKeys } = await import('./keys.js')
    await generateKeys(opts.out)
  })

program
  .command('report <allureResultsDir>')
  .description('regenerate the HTML reports from kept allure-results')
  .option('--out <dir>', 'report folder (default: allure-report next to the results)')
  .action(async (dir: string, opts: { out?: string }) => {
    const { regenerateReport } = await import('../report/artifacts.js')
    const { dirname, join, resolve } = await import('node:path')
    const { existsSync } = await import('node:fs')
    const results = resolve(dir)
    if (!existsSync(results))
      throw new HarnessError('ERR_CONFIG_INVALID', `${dir}: no such allure-results folder`)
    const info = await regenerateReport(
      results,
      resolve(opts.out ?? join(dirname(results), 'allure-report')),
    )
    for (const w of info.warnings) process.stdout.write(`WARNING: ${w}\n`)
    if (!info.file) {
      process.exitCode = 2
      return
    }
    process.stdout.write(
      `Report written to ${info.file} in ${info.ms} ms${info.relinked ? `; links in ${info.relinked} updated` : ''}\n`,
    )
  })

try {
  await program.parseAsync(process.argv)
} catch (e) {
  process.stderr.write(
    `fapi-harness: ${oneLine(e)}\n${process.env.FAPI_HARNESS_DEBUG && e instanceof Error ? `${e.stack}\n` : ''}`,
  )
  process.exitCode = 2
}
