import {
  ASSERTION_ERROR,
  assertionClient,
  defineAttempt,
  fromRule,
  issueInFuture,
  notApplicable,
  PrivateKeyJwt,
  withAssertions,
  type Module,
  type Rule,
} from '../../src/index.js'

/** The rule of a profile, or not applicable where the profile sets none. */
const ruleOf = (rule: Rule | undefined, title: string) =>
  rule
    ? fromRule(rule)
    : notApplicable(`${title} sets no rule for client assertions dated in the future`)

/**
 * Clock offsets (FAPI 2.0 §5.3.2.1-13): a client assertion whose iat and nbf lie a few seconds
 * ahead of the server clock is accepted; one a full two minutes ahead is refused. The near case is
 * dated 8 s ahead, not 10: two seconds are left for the clocks of the harness and the target,
 * which the harness cannot align, so a server that honours the 10 s window never fails it.
 */
export const assertionClockModules: Module[] = [
  defineAttempt({
    id: 'client-assertion-iat-nbf-8s-ahead',
    title: 'A client assertion whose iat and nbf are 8 seconds in the future',
    summary:
      'A private_key_jwt client authenticates with an assertion whose iat and nbf are 8 s ahead of the harness clock (exp a minute later): a clock offset a FAPI 2.0 server must tolerate (up to 10 s).',
    expect: withAssertions((p) => ruleOf(p.assertionNearFuture, p.title)),
    client: assertionClient,
    auth: () => [PrivateKeyJwt({ mutate: [issueInFuture(8)] })],
  }),
  defineAttempt({
    id: 'client-assertion-iat-nbf-120s-ahead',
    title: 'A client assertion whose iat and nbf are 120 seconds in the future',
    summary:
      'A private_key_jwt client authenticates as registered (the control, which must succeed), then with an assertion whose iat and nbf are 120 s ahead (exp a minute later): beyond the 60 s a FAPI 2.0 server may tolerate at most.',
    expect: withAssertions((p) => ruleOf(p.assertionFarFuture, p.title)),
    client: assertionClient,
    auth: () => [PrivateKeyJwt({ mutate: [issueInFuture(120)] })],
    errorCode: ASSERTION_ERROR,
  }),
]
