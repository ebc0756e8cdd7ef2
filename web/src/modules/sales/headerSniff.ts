// Reads the header row of a CSV file in the browser, for the column-mapping
// dialog of the generic preset (the server's detection only answers a header
// when a preset fits). Encodings as the platforms write them: UTF-8 (with or
// without BOM), else GB18030 (a superset of GBK). XLSX files give nothing:
// the user types the header names.

/** Splits one CSV line into cells (quotes, doubled quotes, `="..."` cells). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') quoted = false
      else cur += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cur)
      cur = ''
    } else cur += c
  }
  cells.push(cur)
  return cells.map((s) => s.replace(/^=/, '').replace(/^"(.*)"$/, '$1').trim())
}

/** Bytes of a file's start as text. */
export function decodeStart(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    // a multi-byte character cut at the end also lands here: retry without the last bytes
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3))).replace(/^\uFEFF/, '')
    } catch {
      return new TextDecoder('gb18030').decode(bytes)
    }
  }
}

/**
 * The header among the first 30 lines: the first line with the most non-empty
 * cells (a report title or blank lines may come before it).
 */
export function headerOf(text: string): string[] {
  const lines = text.split(/\r?\n/).slice(0, 30)
  let best: string[] = []
  let bestN = 0
  for (const line of lines) {
    const cells = splitCsvLine(line)
    const n = cells.filter(Boolean).length
    if (n > bestN) {
      best = cells
      bestN = n
    }
  }
  return best.filter(Boolean)
}

export async function sniffHeader(file: File): Promise<string[]> {
  if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') return []
  const buf = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer())
  return headerOf(decodeStart(buf))
}
