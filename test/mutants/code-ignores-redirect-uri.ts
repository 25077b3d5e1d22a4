// Violates RFC 6749 §4.1.3 (RFC6749-4.1.3-5): the AS MUST "ensure that the "redirect_uri" parameter
// is present if the "redirect_uri" parameter was included in the initial authorization request as
// described in Section 4.1.1, and if included ensure that their values are identical." Broken by a
// middleware (c): the redirect_uri of an authorization_code token request is dropped before
// oidc-provider reads it, which then takes the client's single registered redirect URI
// (allowOmittingSingleRegisteredRedirectUri): whatever the client named, the values always match.
import { defineMutant, readForm, replaceBody } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'code-ignores-redirect-uri',
  module: import.meta.url,
  description:
    'oauth2 exchanges an authorization code whatever redirect_uri the token request names',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['redirect-uri-mismatch-at-token'],
  },
  async middleware(ctx, next) {
    const form = ctx.method === 'POST' && ctx.path === '/token' ? await readForm(ctx) : undefined
    if (form?.get('grant_type') === 'authorization_code' && form.has('redirect_uri')) {
      form.delete('redirect_uri')
      replaceBody(ctx, form.toString())
    }
    return next()
  },
})
