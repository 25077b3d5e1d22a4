import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** RFC 8414 §3.3 / OIDC Discovery §4.3: the issuer in the document is exactly the issuer used to find it. */
export default defineCheck<{ metadata: ServerMetadata; expectedIssuer: string }>({
  id: 'discovery-issuer-matches',
  title: 'The metadata issuer is identical to the configured issuer',
  requirements: ['RFC8414-3.3', 'OIDCD-4.3'],
  evaluate({ metadata, expectedIssuer }) {
    return metadata.issuer === expectedIssuer
      ? pass(`issuer ${metadata.issuer}`)
      : fail(
          `issuer is ${JSON.stringify(metadata.issuer)}, expected ${JSON.stringify(expectedIssuer)}`,
          { actual: metadata.issuer, expected: expectedIssuer },
        )
  },
})
