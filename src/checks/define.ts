import type { RequirementId } from '../spec/requirements.js'

/** What a check returns. `undecidable`: the observation does not let the check decide (status error). */
export interface Verdict {
  ok: boolean
  undecidable?: boolean
  message: string
  evidence?: Record<string, unknown>
}

/**
 * A check: a small pure function of what was observed. It never touches the network and never
 * throws because of the server's behaviour; severity and the clauses it proves for a given profile
 * are chosen where it is used.
 */
export interface Check<I, R extends Verdict | Promise<Verdict> = Verdict | Promise<Verdict>> {
  /** kebab-case statement of what a pass means. */
  id: string
  /** One sentence stating the rule. */
  title: string
  /** Clauses the check proves wherever it is used; the call site may add the profile's. */
  requirements: RequirementId[]
  /** Pure: judges what was observed. May be async (signature verification needs it). */
  evaluate(input: I): R
}

/** A synchronous check (most are); `defineAsyncCheck` for one that must await (signatures). */
export function defineCheck<I>(c: Check<I, Verdict>): Check<I, Verdict> {
  return c
}

export function defineAsyncCheck<I>(c: Check<I, Promise<Verdict>>): Check<I, Promise<Verdict>> {
  return c
}

export const pass = (message: string, evidence?: Record<string, unknown>): Verdict => ({
  ok: true,
  message,
  ...(evidence ? { evidence } : {}),
})
export const fail = (message: string, evidence?: Record<string, unknown>): Verdict => ({
  ok: false,
  message,
  ...(evidence ? { evidence } : {}),
})
export const undecidable = (message: string, evidence?: Record<string, unknown>): Verdict => ({
  ok: false,
  undecidable: true,
  message,
  ...(evidence ? { evidence } : {}),
})
