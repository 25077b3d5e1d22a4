import { expect, test } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

/**
 * The sources are formatted by Prettier with the repository's .prettierrc.json: a file that is not
 * fails here, with its name, and `npm run format` fixes it. Read in-process through Prettier's API
 * (the same options and ignore file as `prettier --check .`).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const FOLDERS = ['bin', 'profiles', 'src', 'suites', 'test', 'tools']

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`
    if (e.isDirectory()) return ['node_modules', 'test-results'].includes(e.name) ? [] : sources(p)
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : []
  })
}

/** Whether Prettier, with the options that apply to `file`, leaves `text` as it is. */
async function formatted(file: string, text: string): Promise<boolean> {
  const options = await prettier.resolveConfig(join(ROOT, file))
  expect(options, `no Prettier configuration applies to ${file}`).not.toBeNull()
  return prettier.check(text, { ...options, filepath: join(ROOT, file) })
}

test('every source file is formatted (npm run format)', async () => {
  const rootFiles = readdirSync(ROOT).filter((f) => /\.(ts|js|mjs)$/.test(f))
  const files = [...rootFiles, ...FOLDERS.flatMap((d) => sources(d))]
  expect(files.length).toBeGreaterThan(400)
  const unformatted: string[] = []
  for (const file of files) {
    const info = await prettier.getFileInfo(join(ROOT, file), {
      ignorePath: join(ROOT, '.prettierignore'),
    })
    if (info.ignored) continue
    if (!(await formatted(file, readFileSync(join(ROOT, file), 'utf8')))) unformatted.push(file)
  }
  expect(unformatted, 'run `npm run format`').toEqual([])
})

test('the format check sees a file Prettier would change', async () => {
  expect(await formatted('src/x.ts', "import { a } from './a.js'\n\nexport const b = a\n")).toBe(
    true,
  )
  // double quotes, semicolons and a line over the print width: three of the repository's options
  expect(await formatted('src/x.ts', 'import { a } from "./a.js";\nexport const b = a;\n')).toBe(
    false,
  )
  expect(
    await formatted(
      'src/x.ts',
      `export const c = [${Array.from({ length: 30 }, (_, i) => `'item${i}'`).join(', ')}]\n`,
    ),
  ).toBe(false)
})
