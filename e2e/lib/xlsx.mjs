// Reads a row of an XLSX file's first sheet, enough to compare a downloaded
// template with the fixture filled from it (no XLSX package in e2e/).
import { inflateRawSync } from 'node:zlib'

/** The entries of a ZIP archive (stored or deflated), by name. */
export function unzip(buf) {
  const out = {}
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('not a ZIP file')
  const count = buf.readUInt16LE(end + 10)
  let p = buf.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + size)
    out[name] = method === 8 ? inflateRawSync(data) : data
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

const unescape = (s) =>
  s
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
const columnOf = (ref) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join('')

/** The cell texts of row `n` (1-based) of the first sheet, by column (empty cells are ''). */
export function xlsxRow(buf, n = 1) {
  const zip = unzip(buf)
  const shared = [...(zip['xl/sharedStrings.xml']?.toString() ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
  const sheet = zip['xl/worksheets/sheet1.xml']?.toString()
  if (!sheet) throw new Error('no first sheet')
  const row = new RegExp(`<row[^>]*\\br="${n}"[^>]*>([\\s\\S]*?)</row>`).exec(sheet)
  if (!row) return []
  const cells = []
  for (const [, attrs, body = ''] of row[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const type = /\bt="(\w+)"/.exec(attrs)?.[1]
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1]
    let text
    if (type === 's') text = shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? ''
    else if (type === 'inlineStr') text = texts(body)
    else text = unescape(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? '')
    cells[ref ? columnOf(ref) : cells.length] = text
  }
  return Array.from(cells, (c) => c ?? '')
}
