import { useConfirm } from 'primevue/useconfirm'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { withdrawChangeRequest, type ChangeRequest } from '@/api/changeRequests'
import { useNotify } from '@/composables/useNotify'

/** Withdrawing one's own change request, after asking: from the list and from the request's page. */
export function useWithdrawal(onWithdrawn: (request: ChangeRequest) => void) {
  const { t } = useI18n()
  const confirm = useConfirm()
  const notify = useNotify()
  const busyId = ref<number | null>(null)

  async function run(id: number): Promise<void> {
    busyId.value = id
    try {
      const withdrawn = await withdrawChangeRequest(id)
      notify.success(t('changeRequests.withdrawn', { id }))
      onWithdrawn(withdrawn)
    } catch (error) {
      notify.failure(error)
    } finally {
      busyId.value = null
    }
  }

  function askToWithdraw(request: ChangeRequest): void {
    confirm.require({
      header: t('common.confirmTitle'),
      message: t('changeRequests.confirmWithdraw', { id: request.id }),
      icon: 'pi pi-exclamation-triangle',
      acceptProps: { label: t('changeRequests.withdraw'), severity: 'danger' },
      rejectProps: { label: t('common.cancel'), severity: 'secondary', text: true },
      accept: () => run(request.id),
    })
  }

  return { askToWithdraw, busyId }
}
