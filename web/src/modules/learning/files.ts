// Small helpers for uploaded files.

/** The material kind a file most likely is (the server checks the content). */
export function guessKind(file: File): 'document' | 'slides' | 'video' | 'image' {
  const type = file.type
  const name = file.name.toLowerCase()
  if (type.startsWith('video/') || /\.(mp4|webm|mov)$/.test(name)) return 'video'
  if (type.startsWith('image/')) return 'image'
  if (/\.(ppt|pptx|key)$/.test(name)) return 'slides'
  return 'document'
}

/** 1536 -> "1.5 KB". */
export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}
