// A create/edit dialog: the form model, client validation, and the server's
// per-field errors shown on the fields that caused them.
import type { FormInstance } from 'element-plus'
import { computed, reactive, ref, type UnwrapRef } from 'vue'
import { mapFieldErrors } from '@/api/errors'
import { t, te } from '@/locales'
import { showError, showSuccess } from './apiFeedback'

export function useFormDialog<F extends object>(empty: () => F) {
  const visible = ref(false)
  const editingId = ref<number | null>(null)
  const form = reactive(empty()) as UnwrapRef<F>
  const formRef = ref<FormInstance>()
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)
  const isEdit = computed(() => editingId.value !== null)

  function open(values?: Partial<F>, id?: number | null): void {
    Object.assign(form as object, empty(), values ?? {})
    editingId.value = id ?? null
    fieldErrors.value = {}
    visible.value = true
    // clear the marks of the last opening once the form is on screen
    setTimeout(() => formRef.value?.clearValidate(), 0)
  }

  function close(): void {
    visible.value = false
  }

  /** Validates, runs save, closes on success; server field errors land on the fields. */
  async function submit(save: (form: UnwrapRef<F>, id: number | null) => Promise<unknown>, okKey = 'common.saved'): Promise<boolean> {
    fieldErrors.value = {}
    if (formRef.value) {
      const ok = await formRef.value.validate().catch(() => false)
      if (!ok) return false
    }
    saving.value = true
    try {
      await save(form, editingId.value)
      visible.value = false
      showSuccess(okKey)
      return true
    } catch (e) {
      fieldErrors.value = mapFieldErrors(e, t, te)
      // errors shown on the fields: the toast says "check the marked fields"
      showError(e, { fieldsShown: Object.keys(fieldErrors.value).length > 0 })
      return false
    } finally {
      saving.value = false
    }
  }

  /** For `:ref="dlg.bindForm"` on the el-form. */
  function bindForm(el: unknown): void {
    formRef.value = (el as FormInstance | null) ?? undefined
  }

  return { visible, editingId, isEdit, form, formRef, bindForm, fieldErrors, saving, open, close, submit }
}
