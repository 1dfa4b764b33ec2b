import { onMounted, ref } from 'vue'
import { getAgency } from '@/api/agencies'
import { useNotify } from '@/composables/useNotify'
import { useSessionStore } from '@/stores/session'

/**
 * The region of the signed-in user's agency, which bounds the register they may see (a village
 * operator's village, a district office's district). Undefined until known; null when the
 * account belongs to no agency or the agency cannot be read.
 */
export function useWorkingArea() {
  const session = useSessionStore()
  const notify = useNotify()
  const workingArea = ref<string | null | undefined>(undefined)

  onMounted(async () => {
    const agencyId = session.user?.agency_id
    if (agencyId === null || agencyId === undefined) {
      workingArea.value = null
      return
    }
    try {
      workingArea.value = (await getAgency(agencyId)).region_code
    } catch (error) {
      workingArea.value = null
      notify.failure(error)
    }
  })

  return workingArea
}
