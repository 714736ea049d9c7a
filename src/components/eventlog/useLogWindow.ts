// useLogWindow keeps the event log following new events without ever making the browser lay the page
// out early: whether the newest row is in view comes from an IntersectionObserver (not from reading
// scrollTop/scrollHeight in a scroll handler), and the log is pinned to its bottom from a ResizeObserver
// on the rows, which runs after the browser's own layout (so reading the height there is free).
// It also decides how many of the newest rows are drawn: few while following (every drawn row is laid
// out again when its LAST SEEN ticks), more when the reader scrolls up towards the oldest drawn one.
import { useEffect, useRef, useState, type RefObject } from "react";

export interface LogWindow {
  /** How many of the newest rows to draw. */
  drawn: number;
  scroller: RefObject<HTMLDivElement | null>;
  /** The rows' container (pinned to the bottom when it changes size). */
  content: RefObject<HTMLTableElement | null>;
  /** Sentinels before the first and after the last drawn row. */
  start: RefObject<HTMLDivElement | null>;
  end: RefObject<HTMLDivElement | null>;
}

/** `live` rows while following; `step` more per approach to the top, up to `max`; `total` available. */
export function useLogWindow(total: number, live: number, step: number, max: number): LogWindow {
  const [drawn, setDrawn] = useState(live);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLTableElement>(null);
  const start = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const more = useRef(() => {});
  more.current = () => {
    if (!stuck.current && drawn < max && total > drawn) setDrawn(Math.min(max, drawn + step));
  };

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const pin = () => {
      if (stuck.current) el.scrollTop = el.scrollHeight;
    };
    pin();
    const cleanups: (() => void)[] = [];
    if (typeof ResizeObserver !== "undefined") {
      const ro = new ResizeObserver(pin);
      ro.observe(el);
      if (content.current) ro.observe(content.current);
      cleanups.push(() => ro.disconnect());
    }
    if (typeof IntersectionObserver !== "undefined") {
      // Within 24 px of the bottom counts as following.
      const io = new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (e.target === end.current) {
              stuck.current = e.isIntersecting;
              if (e.isIntersecting) setDrawn(live);
            } else if (e.target === start.current && e.isIntersecting) more.current();
          }
        },
        { root: el, rootMargin: "24px 0px 24px 0px" },
      );
      if (end.current) io.observe(end.current);
      if (start.current) io.observe(start.current);
      cleanups.push(() => io.disconnect());
    }
    return () => cleanups.forEach((c) => c());
  }, [live]);

  return { drawn, scroller, content, start, end };
}
