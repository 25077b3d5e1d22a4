import { readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, test } from '@playwright/test'
import { CHECKS } from '../../src/checks/index.js'
import { MODULES } from '../../suites/index.js'

/**
 * The check and module registries are complete: a check that src/checks/index.ts does not list is
 * in no report, coverage or generated doc, and a module that suites/index.ts does not list is never
 * run. Every value any file exports (default or named, alone or in an array) that is a check or a
 * module must be the very object the registry holds. The mutant and alternative catalogs have
 * theirs in catalogs.test.ts.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

type Shape = 'check' | 'module'

const isCheck = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id?: unknown }).id === 'string' &&
  Array.isArray((v as { requirements?: unknown }).requirements) &&
  typeof (v as { evaluate?: unknown }).evaluate === 'function'

const isModule = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id?: unknown }).id === 'string' &&
  typeof (v as { surface?: unknown }).surface === 'string' &&
  typeof (v as { run?: unknown }).run === 'function'

/** The exported checks or modules of one file's exports that `registry` does not hold, as `file: id`. */
export function unregistered(
  file: string,
  exports: Record<string, unknown>,
  shape: Shape,
  registry: ReadonlySet<unknown>,
): string[] {
  const is = shape === 'check' ? isCheck : isModule
  const found = Object.values(exports)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter(is)
  return [...new Set(found)]
    .filter((x) => !registry.has(x))
    .map((x) => `${file}: ${(x as { id: string }).id}`)
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return tsFiles(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : []
  })
}

async function missing(dir: string, shape: Shape, registry: ReadonlySet<unknown>) {
  const files = tsFiles(dir)
  const out: string[] = []
  for (const file of files) {
    const exports = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>
    out.push(...unregistered(relative(ROOT, join(ROOT, file)), exports, shape, registry))
  }
  return { files: files.length, out }
}

test('every check any file under src/checks exports is registered in src/checks/index.ts', async () => {
  const registry = new Set<unknown>(Object.values(CHECKS).flat())
  const { files, out } = await missing('src/checks', 'check', registry)
  expect(files).toBeGreaterThan(50)
  expect(out, 'checks src/checks/index.ts does not list').toEqual([])
  const ids = [...registry].map((c) => (c as { id: string }).id)
  expect(new Set(ids).size, 'duplicate check ids').toBe(ids.length)
})

test('every module any file under suites exports is registered in suites/index.ts', async () => {
  const { files, out } = await missing('suites', 'module', new Set<unknown>(MODULES))
  expect(files).toBeGreaterThan(30)
  expect(out, 'modules suites/index.ts does not list').toEqual([])
})

test('the registry check sees an exported check or module that is not registered', () => {
  const check = { id: 'c', title: 't', requirements: [], evaluate: () => undefined }
  const module = { id: 'm', title: 't', surface: 'discovery', summary: '', run: async () => ({}) }
  expect(unregistered('src/checks/x/c.ts', { default: check }, 'check', new Set())).toEqual([
    'src/checks/x/c.ts: c',
  ])
  expect(unregistered('src/checks/x/c.ts', { default: check }, 'check', new Set([check]))).toEqual(
    [],
  )
  // named and in arrays too; helpers that are neither are not counted
  expect(
    unregistered(
      'suites/x.ts',
      { xModules: [module], helper: () => 1, CONST: 3 },
      'module',
      new Set(),
    ),
  ).toEqual(['suites/x.ts: m'])
})
