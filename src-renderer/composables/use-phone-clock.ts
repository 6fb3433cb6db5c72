/**
 * The simulated phone's clock: real time shifted by the demo company's simulated offset, ticking on each whole
 * second so the authenticator code and its countdown change exactly when a real app's would.
 */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** Milliseconds until the next whole second of `now`. */
export function msToNextSecond(now: number): number {
  return 1000 - (((now % 1000) + 1000) % 1000);
}

/** A reactive `now` (epoch ms, offset applied) that updates every second while the component is mounted. */
export function usePhoneClock(offsetMs: Ref<number>, source: () => number = Date.now): Ref<number> {
  const real = ref(source());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function tick(): void {
    real.value = source();
    timer = setTimeout(tick, msToNextSecond(real.value + offsetMs.value) + 5);
  }

  onMounted(tick);
  onBeforeUnmount(() => clearTimeout(timer));
  return computed(() => real.value + offsetMs.value);
}
