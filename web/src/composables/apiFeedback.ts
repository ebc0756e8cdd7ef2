// Toasts for API outcomes, in the user's language.
import { ElMessage } from 'element-plus'
import { errorMessage, type ErrorMessageOptions } from '@/api/errors'
import { t, te } from '@/locales'

export function showError(err: unknown, opts?: ErrorMessageOptions): void {
  if ((err as Error)?.name === 'AbortError') return
  ElMessage({ type: 'error', message: errorMessage(err, t, te, opts), grouping: true, showClose: true })
}

export function showSuccess(key: string, named?: Record<string, unknown>): void {
  ElMessage({ type: 'success', message: t(key, named), grouping: true })
}
