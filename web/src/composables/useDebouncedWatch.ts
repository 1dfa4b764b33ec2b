import { onBeforeUnmount, watch, type WatchSource } from 'vue'

/** Runs `effect` once the source has stopped changing for `waitMs`: one request per typed word. */
export function useDebouncedWatch(
  source: WatchSource<unknown> | object,
  effect: () => void,
  waitMs = 300,
) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = watch(
    source,
    () => {
      clearTimeout(timer)
      timer = setTimeout(effect, waitMs)
    },
    { deep: true },
  )
  onBeforeUnmount(() => {
    clearTimeout(timer)
    stop()
  })
}
