import { ref } from 'vue'
import { getRegion } from '@/api/regions'

/**
 * Names for region codes that a list only carries as codes (a change request's village): each
 * code is asked once, and until its name arrives (or when it cannot be read) null stands in.
 */
export function useRegionNames() {
  const names = ref<Record<string, string | null>>({})
  const asked = new Set<string>()

  async function learn(code: string): Promise<void> {
    asked.add(code)
    try {
      const region = await getRegion(code)
      names.value = { ...names.value, [code]: region.name }
    } catch {
      // The code itself is shown instead; a missing name is no reason to interrupt the page.
      names.value = { ...names.value, [code]: null }
    }
  }

  /** The region's name if known; asks for it the first time. */
  function nameOf(code: string): string | null {
    if (!asked.has(code)) void learn(code)
    return names.value[code] ?? null
  }

  return { nameOf }
}
