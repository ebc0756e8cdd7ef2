// A first look at a tracking number in the browser, before the server's check:
// the same normalisation (trimmed, full-width folded, upper-cased, a No: prefix
// and inner spaces removed) and the carrier's usual pattern.
import type { Carrier } from './types'

export function normaliseTracking(input: string): string {
  const half = input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
  return half
    .trim()
    .toUpperCase()
    .replace(/^NO[:.]\s*/, '')
    .replace(/\s+/g, '')
}

/** True when the number fits the carrier's usual shape (or the pattern cannot be read here). */
export function fitsCarrier(carrier: Carrier | undefined, trackingNo: string): boolean {
  if (!carrier?.pattern || !trackingNo) return true
  try {
    return new RegExp(carrier.pattern).test(normaliseTracking(trackingNo))
  } catch {
    return true // a pattern JavaScript does not understand: leave it to the server
  }
}
