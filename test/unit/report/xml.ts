/**
 * A strict little XML 1.0 reader for tests: rejects anything not well-formed (unbalanced tags,
 * raw `<` or `&` in text or attributes, unknown entities, forbidden control characters, duplicate
 * attributes, more than one root) and returns the element tree.
 */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(raw))
    throw new Error(`forbidden control character in ${where}`)
  return raw.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & in ${where}`)
    if (ENTITIES[name]) return ENTITIES[name]
    const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(name)
    if (num) return String.fromCodePoint(parseInt(num[1] ?? num[2]!, num[1] ? 16 : 10))
    throw new Error(`unknown entity ${m} in ${where}`)
  })
}

export function parseXml(xml: string): XmlElement {
  let i = 0
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  const skipWs = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++
  }
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>')
    if (end < 0) throw new Error('unterminated XML declaration')
    i = end + 2
  }
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4)
      if (end < 0) throw new Error('unterminated comment')
      if (xml.slice(i + 4, end).includes('--')) throw new Error('-- inside a comment')
      i = end + 3
      continue
    }
    if (xml[i] === '<' && xml[i + 1] === '/') {
      i += 2
      const m = NAME.exec(xml.slice(i))
      if (!m) throw new Error(`bad closing tag at ${i}`)
      const open = stack.pop()
      if (!open || open.name !== m[0]) throw new Error(`mismatched </${m[0]}> at ${i}`)
      i += m[0].length
      skipWs()
      if (xml[i] !== '>') throw new Error(`bad closing tag at ${i}`)
      i++
      continue
    }
    if (xml[i] === '<') {
      i++
      const m = NAME.exec(xml.slice(i))
      if (!m) throw new Error(`bad tag at ${i}`)
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' }
      i += m[0].length
      for (;;) {
        const before = i
        skipWs()
        if (xml.startsWith('/>', i) || xml[i] === '>') break
        if (i === before) throw new Error(`missing space before attribute at ${i}`)
        const a = NAME.exec(xml.slice(i))
        if (!a) throw new Error(`bad attribute at ${i}`)
        i += a[0].length
        skipWs()
        if (xml[i] !== '=') throw new Error(`attribute without value at ${i}`)
        i++
        skipWs()
        const q = xml[i]
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`)
        const end = xml.indexOf(q, i + 1)
        if (end < 0) throw new Error('unterminated attribute')
        const raw = xml.slice(i + 1, end)
        if (raw.includes('<')) throw new Error(`< in attribute ${a[0]}`)
        if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]}`)
        el.attrs[a[0]] = decode(raw, `attribute ${a[0]}`)
        i = end + 1
      }
      if (stack.length) stack[stack.length - 1]!.children.push(el)
      else if (root) throw new Error('more than one root element')
      else root = el
      if (xml.startsWith('/>', i)) {
        i += 2
      } else {
        i++
        stack.push(el)
      }
      continue
    }
    const next = xml.indexOf('<', i)
    const raw = xml.slice(i, next < 0 ? xml.length : next)
    if (stack.length) stack[stack.length - 1]!.text += decode(raw, 'text')
    else if (raw.trim()) throw new Error('text outside the root element')
    i = next < 0 ? xml.length : next
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`)
  if (!root) throw new Error('no root element')
  return root
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e)
    e.children.forEach(walk)
  }
  walk(el)
  return out
}
