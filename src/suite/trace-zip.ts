import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

/**
 * Rewrites every entry of a zip (a Playwright trace) through `transform`, for redaction: the
 * trace holds the actions' parameters (a filled password), DOM snapshots with input values and
 * the network log (form bodies, codes), all as text entries. Binary entries (screencast frames)
 * are given as Buffers and may be returned unchanged. Only what Playwright writes is supported:
 * stored or deflated entries, no encryption, no zip64.
 */
export function rewriteZip(zip: Buffer, transform: (name: string, data: Buffer) => Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)')
  const count = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory')
    const method = zip.readUInt16LE(p + 10)
    const compressedSize = zip.readUInt32LE(p + 20)
    const nameLen = zip.readUInt16LE(p + 28)
    const extraLen = zip.readUInt16LE(p + 30)
    const commentLen = zip.readUInt16LE(p + 32)
    const localAt = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + nameLen)
    p += 46 + nameLen + extraLen + commentLen
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28)
    const raw = zip.subarray(dataAt, dataAt + compressedSize)
    if (method !== 0 && method !== 8)
      throw new Error(`unsupported zip compression method ${method}`)
    const data = transform(
      name.toString('utf8'),
      method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    )
    const packed = deflateRawSync(data)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** Whether a zip entry is text (no NUL byte in its first 8 KiB): only text is redacted. */
export function isText(data: Buffer): boolean {
  return !data.subarray(0, 8192).includes(0)
}
