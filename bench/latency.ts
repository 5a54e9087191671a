/**
 * In-page typing latency, for benchmarks that drive the real renderer in Chromium. Sent to the
 * page as source text (`page.addInitScript(LATENCY_INSTRUMENT)`): a bundler may rename or wrap
 * functions, which would break Playwright's function serialisation.
 *
 * Per keystroke, two figures:
 * - `lat`: keydown's `event.timeStamp` → a task queued from the next animation frame, so it holds
 *   the editor's work, React's, style, layout and the wait for the frame (its p95 includes up to
 *   one frame of waiting: compare ratios between modes, not against 16 ms);
 * - `work`: keydown → the end of the task that handled the key (synchronous work only).
 *
 * `window.__latency.rec.on = true` starts recording; `window.__latency.take()` stops and returns
 * `{ lat, work }`.
 */
export const LATENCY_INSTRUMENT = `(() => {
  if (window.__latency) return;
  const ch = new MessageChannel();
  let queue = [];
  ch.port1.onmessage = () => { const q = queue; queue = []; for (const f of q) f(); };
  const afterTask = (f) => { queue.push(f); ch.port2.postMessage(0); };
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => afterTask(() => r(performance.now()))));
  const rec = { on: false, lat: [], work: [] };
  document.addEventListener('keydown', (e) => {
    if (!rec.on) return;
    const t0 = e.timeStamp;
    afterTask(() => rec.work.push(performance.now() - t0));
    requestAnimationFrame(() => afterTask(() => rec.lat.push(performance.now() - t0)));
  }, true);
  const take = () => { rec.on = false; return { lat: rec.lat.splice(0), work: rec.work.splice(0) }; };
  window.__latency = { rec, nextFrame, afterTask, take };
})()`;

/**
 * Puts the caret in the middle of the middle top-level paragraph of the editor `selector` names,
 * with that paragraph centred in the viewport (a caret at the viewport's edge makes typing
 * scroll, which distorts the figures). Call as `${PLACE_CARET}(${JSON.stringify(selector)})`.
 */
export const PLACE_CARET = `(async (sel) => {
  const root = document.querySelector(sel);
  const paras = root.querySelectorAll(':scope > p');
  const p = paras[Math.floor(paras.length / 2)];
  p.scrollIntoView({ block: 'center' });
  root.focus();
  const t = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  range.setStart(t, Math.floor(t.length / 2));
  range.collapse(true);
  const s = getSelection();
  s.removeAllRanges();
  s.addRange(range);
  await window.__latency.nextFrame();
  await window.__latency.nextFrame();
})`;
