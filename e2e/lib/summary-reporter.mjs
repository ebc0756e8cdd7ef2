// node:test reporter printing one closing line: "N passed, N failed, N skipped".
// Suites (describe blocks) are not counted, only the tests inside them.
export default async function* summary(source) {
  let passed = 0
  let failed = 0
  let skipped = 0
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const d = event.data
    if (d.details?.type === 'suite') {
      if (d.skip) skipped++ // a whole suite skipped (no Chromium): count it once
      continue
    }
    if (d.skip || d.todo) skipped++
    else if (event.type === 'test:pass') passed++
    else failed++
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`
}
