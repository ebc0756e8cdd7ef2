// Toasts for API outcomes, in the user's language.
import { ElMessage } from 'element-plus'
import { errorMessage } from '@/api/errors'
import { t, te } from '@/locales'

export function showError(err: unknown): void {
  if ((err as Error)?.name === 'AbortError') return
  ElMessage({ type: 'error', message: errorMessage(err, t, te), grouping: true, showClose: true })
}

export function showSuccess(key: string, named?: Record<string, unknown>): void {
  ElMessage({ type: 'success', message: t(key, named), grouping: true })
}
