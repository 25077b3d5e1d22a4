import { expect, test } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Import boundaries: what each layer may depend on, read from the sources (value imports only; an
 * `import type` costs nothing at run time and crosses no boundary).
 * - The simulator (src/client, src/http, src/crypto) sends requests and never judges them: it
 *   imports no check, no report, no suite and nothing of the module runner (src/suite: the types
 *   of a profile or a result it may name, as `import type`).
 * - A check is a pure judgement of recorded exchanges: it sends nothing (no HTTP client, socket,
 *   TLS or browser) and knows neither the runner nor a report.
 * - Only src/report knows Allure.
 * - Suites reach the network only through the simulator (one flow engine): no undici, node:http(s),
 *   node:net or node:tls of their own.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

interface Rule {
  name: string
  /** Files the rule applies to (paths relative to the repository, with a trailing slash for folders). */
  from: string[]
  /** Forbidden specifiers: a package name or a repository path prefix. */
  forbid: string[]
  /** Files of `from` the rule does not apply to. */
  except?: string[]
}

const RULES: Rule[] = [
  {
    name: 'the simulator never judges, reports or runs suites',
    from: ['src/client/', 'src/http/', 'src/crypto/'],
    forbid: ['src/checks/', 'src/report/', 'src/suite/', 'suites/'],
  },
  {
    name: 'a check sends nothing and knows neither the runner nor a report',
    from: ['src/checks/'],
    forbid: [
      'undici',
      'node:http',
      'node:https',
      'node:net',
      'node:tls',
      '@playwright/test',
      'playwright',
      'src/client/simulator',
      'src/suite/',
      'src/report/',
    ],
  },
  {
    name: 'only src/report knows Allure',
    from: ['src/', 'suites/', 'bin/'],
    except: ['src/report/'],
    forbid: ['allure-commandline', 'src/report/allure'],
  },
  {
    name: 'suites reach the network only through the simulator',
    from: ['suites/'],
    forbid: ['undici', 'node:http', 'node:https', 'node:net', 'node:tls'],
  },
]

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p)
    return /\.(ts|js|mjs)$/.test(e.name) ? [p] : []
  })
}

/** Value imports of a file, as package names or repository paths (without extension). */
function valueImports(file: string, text: string): string[] {
  const out: string[] = []
  const re =
    /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm
  for (const m of text.matchAll(re)) {
    if (m[2]) continue // import type / export type
    const spec = (m[3] ?? m[4])!
    if (spec.startsWith('.'))
      out.push(relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(js|ts|mjs)$/, ''))
    else out.push(spec)
  }
  return out
}

function matches(spec: string, forbidden: string): boolean {
  if (forbidden.endsWith('/')) return spec.startsWith(forbidden)
  return spec === forbidden || spec.startsWith(`${forbidden}/`)
}

/** The rules a file's value imports break, one line each. */
function crossings(file: string, text: string): string[] {
  const imports = valueImports(file, text)
  return RULES.filter(
    (rule) =>
      rule.from.some((f) => file.startsWith(f)) && !rule.except?.some((f) => file.startsWith(f)),
  ).flatMap((rule) =>
    imports
      .filter((spec) => rule.forbid.some((f) => matches(spec, f)))
      .map((spec) => `${file} imports ${spec} (${rule.name})`),
  )
}

test('value imports: a type-only import is not one; relative paths resolve from the repository', () => {
  const text = [
    "import type { A } from '../checks/a.js'",
    "import { b } from '../checks/b.js'",
    "export { c } from './c.js'",
    "const d = await import('undici')",
    "import 'reflect-metadata'",
  ].join('\n')
  expect(valueImports('src/client/x.ts', text)).toEqual([
    'src/checks/b',
    'src/client/c',
    'undici',
    'reflect-metadata',
  ])
})

test('the layers import only what their boundary allows', () => {
  const files = ['src', 'suites', 'bin'].flatMap((d) => tsFiles(d))
  expect(files.length).toBeGreaterThan(150)
  expect(files.flatMap((file) => crossings(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual(
    [],
  )
})

test('the boundary check sees a crossing: a check importing the HTTP client that sends; src/report may know Allure', () => {
  const text =
    "import { request } from 'undici'\nimport { Simulator } from '../../client/simulator.js'\nimport type { RunResults } from '../../suite/result.js'"
  expect(crossings('src/checks/x/y.ts', text)).toEqual([
    'src/checks/x/y.ts imports undici (a check sends nothing and knows neither the runner nor a report)',
    'src/checks/x/y.ts imports src/client/simulator (a check sends nothing and knows neither the runner nor a report)',
  ])
  expect(
    crossings('src/report/summary.ts', "import { writeAllureResults } from './allure.js'"),
  ).toEqual([])
  expect(
    crossings('src/cli/run.ts', "import { writeAllureResults } from '../report/allure.js'"),
  ).toEqual(['src/cli/run.ts imports src/report/allure (only src/report knows Allure)'])
})
