import type { RefusalResult } from '../../suite/browser.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

export interface AuthorizationRefusedInput {
  /** How the authorization request ended in the browser (step authorize-variant). */
  ending: RefusalResult
  /** The state the request carried: an error response returns it (RFC 6749 §4.1.2.1). */
  state?: string
  /** The error codes a clause names for this refusal; absent: any error code refuses. */
  errors?: string[]
  /**
   * Whether an error page at the AS (no redirect) refuses the request: yes where the clause
   * forbids the redirect (an invalid redirect URI), no where it has the AS inform the client at
   * the redirect URI (a denial, §4.1.2.1 "informs the client by adding the following parameters").
   */
  errorPage: 'refuses' | 'fails'
  /**
   * The AS went on to its login page and the step stopped there: a finding where the clause
   * wants the request refused before any interaction, else undecidable.
   */
  login?: 'fails' | 'undecidable'
}

/**
 * An authorization request the AS must refuse is refused: an error response at the registered
 * redirect URI (RFC 6749 §4.1.2.1, with the request's state and, where a clause names one, its
 * error code), or where the clause allows it an error page at the AS. Never a code, and never a
 * redirect to a URI the browser must not be sent to.
 */
export default defineCheck<AuthorizationRefusedInput>({
  id: 'authorization-refused',
  title:
    'An authorization request that must be refused ends in an error, never in a code or a redirect to a URI that must not be redirected to',
  requirements: [],
  evaluate({ ending: r, state, errors, errorPage, login = 'undecidable' }) {
    const evidence = { ending: r.kind, logged_in: r.loggedIn, pages: r.pages }
    switch (r.kind) {
      case 'forbidden-redirect':
        return fail(
          `the AS sent the browser to ${r.url.replace(/[?#].*$/, '')}, a URI it must not redirect to${r.params.error ? ` (error ${r.params.error})` : r.params.code ? ' (with a code)' : ''}`,
          { ...evidence, parameters: Object.keys(r.params) },
        )
      case 'redirect': {
        const p = r.params
        const at = { ...evidence, parameters: Object.keys(p) }
        if (!p.error)
          return fail(
            p.code
              ? 'the AS answered with an authorization code: the request was not refused'
              : `the AS redirected to the client without an error (${Object.keys(p).join(', ') || 'no parameters'})`,
            at,
          )
        if (errors && !errors.includes(p.error))
          return fail(
            `the error response carries error ${p.error}, expected ${errors.join(' or ')}`,
            at,
          )
        if (state !== undefined && p.state !== state)
          return fail(
            p.state === undefined
              ? 'the error response drops the state of the request'
              : `the error response carries state "${p.state}", the request "${state}"`,
            at,
          )
        return pass(
          `error response at the redirect URI: ${p.error}${state !== undefined ? ', the same state' : ''}`,
          at,
        )
      }
      case 'error-page':
        if (errorPage === 'refuses')
          return pass(
            `refused with an error page at the AS${r.status !== undefined ? ` (HTTP ${r.status})` : ''}, no redirect`,
            { ...evidence, page: r.pageUrl },
          )
        return fail(
          `the AS stopped at a page of its own${r.status !== undefined ? ` (HTTP ${r.status})` : ''} instead of informing the client at the redirect URI`,
          { ...evidence, page: r.pageUrl },
        )
      case 'login':
        if (login === 'fails')
          return fail(
            'the AS went on to login: it did not refuse the request before any interaction',
            { ...evidence, page: r.pageUrl },
          )
        return undecidable(
          'the AS went on to login; the step stopped there, so how it answers the request is not known',
          { ...evidence, page: r.pageUrl },
        )
      case 'failed':
        return undecidable(`the browser step did not end: ${r.step}: ${r.reason}`, {
          ...evidence,
          ...(r.pageUrl ? { page: r.pageUrl } : {}),
        })
    }
  },
})
