// The simulated clock for relative times ("5s", "2m10s"), re-read at most every `intervalMs` of real
// time. The clock ticks with every batch (up to 60 times a second, and far faster than a human can read
// at 100× speed); tables that print ages would otherwise re-render on every frame.
import { useEffect, useState } from "react";
import { useKubelab } from "../../state/store";

export function useThrottledNow(intervalMs = 500): number {
  const [now, setNow] = useState(() => useKubelab.getState().clock.now);
  useEffect(() => {
    let last = useKubelab.getState().clock.now;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useKubelab.subscribe((s) => {
      if (s.clock.now === last || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = useKubelab.getState().clock.now;
        setNow(last);
      }, intervalMs);
    });
    // Catch up with a clock that moved between the first render and the subscription.
    setNow(useKubelab.getState().clock.now);
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs]);
  return now;
}
