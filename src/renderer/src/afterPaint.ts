/**
 * Runs `f` once the next frame has been painted: work an opened article does not need on its
 * first screen (the copy desk's first check, warming linkify) waits for it, so the story shows
 * and takes typing first. An idle callback is not enough: the page is often idle between the
 * end of React's work and the frame, and the work then lands before the paint. Returns a cancel
 * function.
 */
export function afterPaint(f: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // A frame callback runs just before that frame's style, layout and paint; a task queued from it
  // runs after them.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(f, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}
