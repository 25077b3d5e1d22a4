/**
 * application/x-www-form-urlencoded encoding of one value, as RFC 6749 §2.3.1 requires for the
 * client_id and client_secret of HTTP Basic: "The client identifier is encoded using the
 * "application/x-www-form-urlencoded" encoding algorithm per Appendix B, and the encoded value is
 * used as the username; the client password is encoded using the same algorithm and used as the
 * password."
 *
 * UTF-8 bytes; a space becomes `+`; ASCII letters, digits and `-` `.` `_` stay; every other byte
 * is `%XX` (upper-case hex). That is the WHATWG serializer with `*` encoded too, and unlike
 * `encodeURIComponent` it encodes `!` `'` `(` `)` `*` `~` (HTML 4.01, which Appendix B cites,
 * leaves only alphanumerics; any decoder reads both forms alike).
 */
export function formUrlEncode(value: string): string {
  let out = ''
  for (const b of Buffer.from(value, 'utf8')) {
    if (b === 0x20) out += '+'
    else if (
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x2e ||
      b === 0x5f
    )
      out += String.fromCharCode(b)
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}
