import { rmSync } from 'node:fs'
import { COVERAGE_DIR } from './self/harness.js'

/** Each test run starts with no recorded mutant coverage, so stale records cannot prove anything. */
export default function globalSetup(): void {
  rmSync(COVERAGE_DIR, { recursive: true, force: true })
}
