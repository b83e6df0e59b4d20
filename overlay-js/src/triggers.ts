// When a tip found on the page asks to be shown: at once, when its element scrolls into view,
// after the pointer rests on it (or keyboard focus reaches it), or when it is clicked.

/** How long the pointer must rest on an element before a hover tip opens. */
export const HOVER_INTENT_MS = 400;

/**
 * Arms the trigger on the element and returns its teardown. `fire(byLearner)` says whether the
 * learner asked for the tip (hover, click), which lets it take the place of a tip that is open.
 * `launcher` tips never fire here: only the launcher opens them.
 */
export function armTrigger(trigger: string | undefined, el: Element, fire: (byLearner: boolean) => void): () => void {
  const on = (types: string[], fn: () => void): (() => void) => {
    types.forEach((t) => el.addEventListener(t, fn));
    return () => types.forEach((t) => el.removeEventListener(t, fn));
  };
  if (trigger === 'launcher') return () => undefined;
  if (trigger === 'click') return on(['click'], () => fire(true));
  if (trigger === 'hover') {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = on(['pointerenter', 'focusin'], () => {
      clearTimeout(timer);
      timer = setTimeout(() => fire(true), HOVER_INTENT_MS);
    });
    const offLeave = on(['pointerleave', 'focusout'], () => clearTimeout(timer));
    return () => { clearTimeout(timer); off(); offLeave(); };
  }
  if (trigger === 'visible') {
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        fire(false);
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }
  fire(false);
  return () => undefined;
}
