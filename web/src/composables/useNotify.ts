import { useToast } from 'primevue/usetoast'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'

const toastLife = 5000

/** Short messages in the corner: what just succeeded, or why it did not. */
export function useNotify() {
  const toast = useToast()
  const { t } = useI18n()

  function success(message: string): void {
    toast.add({ severity: 'success', summary: message, life: toastLife })
  }

  function failure(error: unknown): void {
    if (!(error instanceof ApiError)) throw error
    toast.add({
      severity: 'error',
      summary: t('errors.title'),
      detail: error.detail,
      life: toastLife,
    })
  }

  return { success, failure }
}
