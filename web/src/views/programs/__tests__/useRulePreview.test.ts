import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { ApiError } from '@/api/http'
import type { EligibilityPreview, RuleJson } from '@/api/programs'
import * as programsApi from '@/api/programs'
import { useRulePreview } from '../modules/useRulePreview'

function answer(eligible: number): EligibilityPreview {
  return { eligible, checked: 100, as_of: '2026-11-23', items: [] }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

/** The preview of `rule` inside a mounted component, as the rule editor uses it. */
function previewOf(start: RuleJson | null) {
  const rule = ref<RuleJson | null>(start)
  let preview!: ReturnType<typeof useRulePreview>
  const Host = defineComponent({
    setup() {
      preview = useRulePreview(rule, 400)
      return () => null
    },
  })
  const wrapper = mount(Host)
  return { rule, preview, wrapper }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTick()
}

describe('the live preview of a rule being edited', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts the rule at once, then once per pause in the editing', async () => {
    const ask = vi.spyOn(programsApi, 'previewEligibility').mockResolvedValue(answer(12))
    const { rule, preview } = previewOf({ all: [] })
    await settle()
    expect(ask).toHaveBeenCalledTimes(1)
    expect(preview.result.value?.eligible).toBe(12)

    rule.value = { field: 'desil', op: '<=', value: 3 }
    await nextTick()
    rule.value = { field: 'desil', op: '<=', value: 4 }
    await nextTick()
    await vi.advanceTimersByTimeAsync(399)
    expect(ask).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    await settle()

    expect(ask).toHaveBeenCalledTimes(2)
    expect(ask).toHaveBeenLastCalledWith({ field: 'desil', op: '<=', value: 4 }, { limit: 10 })
  })

  it('drops the count of an older rule that arrives after the newer one', async () => {
    const slow = deferred<EligibilityPreview>()
    vi.spyOn(programsApi, 'previewEligibility')
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce(answer(3))
    const { rule, preview } = previewOf({ all: [] })
    rule.value = { field: 'desil', op: '<=', value: 1 }
    await nextTick()
    await vi.advanceTimersByTimeAsync(400)
    await settle()
    slow.resolve(answer(500))
    await settle()

    expect(preview.result.value?.eligible).toBe(3)
    expect(preview.loading.value).toBe(false)
  })

  it("keeps the server's complaints about the rule by place, and no count", async () => {
    vi.spyOn(programsApi, 'previewEligibility').mockRejectedValue(
      new ApiError({
        status: 400,
        type: 'urn:sinergi:problem:validation-failed',
        code: 'PRG-2110',
        detail: 'Data tidak valid.',
        fieldErrors: { 'eligibility_rule.value': 'Kode tidak dikenal.' },
      }),
    )
    const { preview } = previewOf({ field: 'floor_material', op: '=', value: 'kayu' })
    await settle()

    expect(preview.complaints.value).toEqual({ 'eligibility_rule.value': 'Kode tidak dikenal.' })
    expect(preview.result.value).toBeNull()
    expect(preview.failure.value).toBeNull()
  })

  it('asks nothing while the JSON being typed cannot be read', async () => {
    const ask = vi.spyOn(programsApi, 'previewEligibility').mockResolvedValue(answer(1))
    const { preview } = previewOf(null)
    await settle()
    expect(ask).not.toHaveBeenCalled()
    expect(preview.result.value).toBeNull()
  })
})
