import { defineMutator } from '../client/auth/assertion.js'

/**
 * Sets the assertion `aud` to the URL of an endpoint from the discovery document, e.g.
 * `pushed_authorization_request` → `pushed_authorization_request_endpoint` (RFC 9126 §2).
 */
export const setAudEndpoint = (endpoint: string) =>
  defineMutator(`set-aud(${endpoint}_endpoint)`, (d, ctx) => {
    const url = ctx.metadata[`${endpoint}_endpoint`]
    if (typeof url !== 'string') throw new TypeError(`the metadata has no ${endpoint}_endpoint`)
    d.payload.aud = url
  })
