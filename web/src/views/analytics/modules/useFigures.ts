import { ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '@/api/http'

/**
 * Figures read with `load` (an overview, a matrix, a coverage table), read again by `reload` when
 * the region or another filter changes. A reply to an outdated request is dropped, so clicking
 * through districts quickly never leaves an earlier district's figures on screen.
 */
export function useFigures<Figures>(load: () => Promise<Figures>) {
  const data = shallowRef<Figures | null>(null) as Ref<Figures | null>
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const figures = await load()
      if (mine === generation) data.value = figures
    } catch (caught) {
      if (mine !== generation) return
      if (!(caught instanceof ApiError)) throw caught
      error.value = caught
      data.value = null
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { data, loading, error, reload }
}
