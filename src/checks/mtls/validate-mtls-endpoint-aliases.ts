import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass, undecidable } from '../define.js'

/**
 * RFC 8705 §5: `mtls_endpoint_aliases` is a JSON object whose members are endpoint metadata
 * parameters (token_endpoint, revocation_endpoint, introspection_endpoint, ...) with the same
 * semantics as at the top level: absolute https URLs without a fragment (RFC 8414 §2).
 */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'validate-mtls-endpoint-aliases',
  title:
    'mtls_endpoint_aliases, when present, is an object of *_endpoint members whose values are https URLs',
  requirements: ['RFC8705-5'],
  evaluate({ metadata }) {
    const aliases = metadata.mtls_endpoint_aliases as unknown
    if (aliases === undefined) return undecidable('the metadata has no mtls_endpoint_aliases')
    if (!aliases || typeof aliases !== 'object' || Array.isArray(aliases))
      return fail(
        `mtls_endpoint_aliases is ${Array.isArray(aliases) ? 'an array' : aliases === null ? 'null' : typeof aliases}, not a JSON object`,
      )
    const entries = Object.entries(aliases as Record<string, unknown>)
    if (!entries.length) return fail('mtls_endpoint_aliases is an empty object')
    const problems: string[] = []
    for (const [name, value] of entries) {
      if (!/^[a-z0-9_]+_endpoint$/.test(name))
        problems.push(`${name}: not an endpoint parameter name`)
      if (typeof value !== 'string') {
        problems.push(`${name}: not a string`)
        continue
      }
      let url: URL | undefined
      try {
        url = new URL(value)
      } catch {
        problems.push(`${name}: not an absolute URL`)
        continue
      }
      if (url.protocol !== 'https:')
        problems.push(`${name}: scheme ${url.protocol.slice(0, -1)}, not https`)
      if (url.hash) problems.push(`${name}: has a fragment`)
    }
    const names = entries.map(([n]) => n)
    return problems.length
      ? fail(`mtls_endpoint_aliases: ${problems.join('; ')}`, { problems, names })
      : pass(`well-formed: ${names.join(', ')}`, { names })
  },
})
