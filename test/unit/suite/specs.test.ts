// Tests src/spec/specs.ts. Lives under suite/ because test/unit/spec/ is outside this change's remit.
import { expect, test } from '@playwright/test'
import { REQUIREMENTS, strongest, type RequirementId } from '../../../src/spec/requirements.js'
import { SPECS, label, link, parseRequirementId } from '../../../src/spec/specs.js'

test.describe('parseRequirementId / link', () => {
  const TABLE: Array<[string, { prefix: string; section: string; item?: string }, string]> = [
    [
      'FAPI1-ADV-5.2.2-14',
      { prefix: 'FAPI1-ADV', section: '5.2.2', item: '14' },
      'https://openid.net/specs/openid-financial-api-part-2-1_0.html#rfc.section.5.2.2',
    ],
    [
      'FAPI1-BASE-5.2.2-4',
      { prefix: 'FAPI1-BASE', section: '5.2.2', item: '4' },
      'https://openid.net/specs/openid-financial-api-part-1-1_0.html#rfc.section.5.2.2',
    ],
    [
      'FAPI2-SP-FINAL-5.3.2.1-8',
      { prefix: 'FAPI2-SP-FINAL', section: '5.3.2.1', item: '8' },
      'https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1',
    ],
    [
      'FAPI-CIBA-5.2.2-3',
      { prefix: 'FAPI-CIBA', section: '5.2.2', item: '3' },
      'https://openid.net/specs/openid-financial-api-ciba-ID1.html#rfc.section.5.2.2',
    ],
    [
      'FAPI-CIBA-5.2.2',
      { prefix: 'FAPI-CIBA', section: '5.2.2' },
      'https://openid.net/specs/openid-financial-api-ciba-ID1.html#rfc.section.5.2.2',
    ],
    [
      'RFC6749-5.2',
      { prefix: 'RFC6749', section: '5.2' },
      'https://www.rfc-editor.org/rfc/rfc6749.html#section-5.2',
    ],
    [
      'RFC7523-3-9',
      { prefix: 'RFC7523', section: '3', item: '9' },
      'https://www.rfc-editor.org/rfc/rfc7523.html#section-3',
    ],
    [
      'OIDCC-9',
      { prefix: 'OIDCC', section: '9' },
      'https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.9',
    ],
    [
      'CIBA-7.1',
      { prefix: 'CIBA', section: '7.1' },
      'https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1',
    ],
  ]
  for (const [id, parsed, url] of TABLE) {
    test(id, () => {
      expect(parseRequirementId(id)).toEqual(parsed)
      expect(link(id)).toBe(url)
    })
  }

  test('label shows the list item', () => {
    expect(label('FAPI1-ADV-5.2.2-14')).toBe(`${SPECS['FAPI1-ADV'].title} §5.2.2 item 14`)
    expect(label('RFC6749-5.2')).toBe(`${SPECS.RFC6749.title} §5.2`)
  })

  for (const bad of [
    'FOO-1',
    'RFC6749',
    'RFC6749-',
    'RFC6749-5.2-x',
    'RFC6749-5..2',
    'FAPI1-ADV-5.2.2-14-1',
    'rfc6749-5.2',
  ]) {
    test(`"${bad}" is rejected`, () => {
      expect(() => parseRequirementId(bad)).toThrow(TypeError)
    })
  }
})

test.describe('the requirement registry', () => {
  test('every id parses and links into its specification', () => {
    const ids = Object.keys(REQUIREMENTS) as RequirementId[]
    expect(ids.length).toBeGreaterThan(0)
    const broken: string[] = []
    for (const id of ids) {
      try {
        const { prefix, section } = parseRequirementId(id)
        const url = link(id)
        if (url !== `${SPECS[prefix].url}${SPECS[prefix].anchor}${section}`)
          broken.push(`${id}: ${url}`)
        label(id)
      } catch (e) {
        broken.push(`${id}: ${(e as Error).message}`)
      }
    }
    expect(broken).toEqual([])
  })

  test('every entry has a level and a summary', () => {
    for (const [id, r] of Object.entries(REQUIREMENTS)) {
      expect(['shall', 'should', 'may'], id).toContain(r.level)
      expect(r.summary.length, id).toBeGreaterThan(0)
    }
  })

  test('strongest', () => {
    expect(strongest([])).toBe('may')
    expect(strongest(['RFC7523-3-7'])).toBe('may')
    expect(strongest(['RFC7523-3-7', 'OIDCC-9'])).toBe('shall')
  })
})
