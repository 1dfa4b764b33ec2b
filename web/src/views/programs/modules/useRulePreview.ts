import { onMounted, ref, shallowRef, type Ref } from 'vue'
import { ApiError, problemTypes } from '@/api/http'
import { previewEligibility, type EligibilityPreview, type RuleJson } from '@/api/programs'
import { useDebouncedWatch } from '@/composables/useDebouncedWatch'

/** How many eligible households the preview lists beside the count. */
export const previewListSize = 10

/**
 * The live count of a rule being edited: asked again once the rule has stopped changing for a
 * moment, the answer to an outdated rule dropped. A rule the server refuses leaves its complaints
 * (by JSON path) for the builder to show where they belong, and keeps the last count out of view.
 */
export function useRulePreview(rule: Ref<RuleJson | null>, waitMs = 400) {
  const result = shallowRef<EligibilityPreview | null>(null)
  const loading = ref(false)
  /** Why the preview could not be made, when it is not the rule's fault. */
  const failure = ref<ApiError | null>(null)
  /** The server's complaints about the rule, by JSON path (`eligibility_rule.all[0].value`). */
  const complaints = ref<Record<string, string>>({})
  let generation = 0

  async function refresh(): Promise<void> {
    const asked = rule.value
    const mine = ++generation
    if (asked === null) {
      // Nothing to ask until the rule reads as JSON again; an old count would mislead.
      result.value = null
      loading.value = false
      return
    }
    loading.value = true
    try {
      const answer = await previewEligibility(asked, { limit: previewListSize })
      if (mine !== generation) return
      result.value = answer
      complaints.value = {}
      failure.value = null
    } catch (error) {
      if (mine !== generation) return
      if (!(error instanceof ApiError)) throw error
      result.value = null
      if (error.type === problemTypes.validationFailed && error.hasFieldErrors()) {
        complaints.value = error.fieldErrors
        failure.value = null
      } else {
        complaints.value = {}
        failure.value = error
      }
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  useDebouncedWatch(rule, () => void refresh(), waitMs)
  onMounted(() => void refresh())

  return { result, loading, failure, complaints, refresh }
}
