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
export interface Check<I> {
  /** kebab-case statement of what a pass means. */
  id: string
  /** One sentence stating the rule. */
  title: string
  /** Clauses the check proves wherever it is used; the call site may add the profile's. */
  requirements: RequirementId[]
  evaluate(input: I): Verdict
}

export function defineCheck<I>(c: Check<I>): Check<I> {
  return c
}

export const pass = (message: string, evidence?: Record<string, unknown>): Verdict => ({ ok: true, message, ...(evidence ? { evidence } : {}) })
export const fail = (message: string, evidence?: Record<string, unknown>): Verdict => ({ ok: false, message, ...(evidence ? { evidence } : {}) })
export const undecidable = (message: string, evidence?: Record<string, unknown>): Verdict => ({ ok: false, undecidable: true, message, ...(evidence ? { evidence } : {}) })
