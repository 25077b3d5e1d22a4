import { readdirSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, test } from '@playwright/test'
import type { Mutant } from '../../src/reference-as/mutant.js'
import { ALTERNATIVES } from '../alternatives/index.js'
import { MUTANTS } from '../mutants/index.js'

/**
 * The mutant and alternative catalogs are complete: every test/mutants/<id>.ts and
 * test/alternatives/<id>.ts is listed in its folder's index.ts (a server that exists but is not
 * registered is never run), under the id its file is named after.
 */
const TEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const catalogs: Array<{ folder: string; entries: readonly Mutant[] }> = [
  { folder: 'mutants', entries: MUTANTS },
  { folder: 'alternatives', entries: ALTERNATIVES },
]

for (const { folder, entries } of catalogs) {
  test(`every test/${folder}/*.ts is registered in test/${folder}/index.ts`, async () => {
    const dir = join(TEST_DIR, folder)
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .sort()
    expect(files.length).toBeGreaterThan(0)
    const unregistered: string[] = []
    for (const file of files) {
      const server = ((await import(pathToFileURL(join(dir, file)).href)) as { default?: Mutant })
        .default
      if (!server || !entries.includes(server)) unregistered.push(file)
      else
        expect(server.id, `${folder}/${file} defines a server with another id`).toBe(
          basename(file, '.ts'),
        )
    }
    expect(unregistered, `files in test/${folder} that index.ts does not list`).toEqual([])
    expect(new Set(entries.map((e) => e.id)).size, `duplicate ids in test/${folder}/index.ts`).toBe(
      entries.length,
    )
    expect(
      entries.length,
      `test/${folder}/index.ts lists servers that have no file of their own`,
    ).toBe(files.length)
  })
}
