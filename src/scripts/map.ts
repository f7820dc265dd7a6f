// Zoom and pan for the argument map (components/ArgumentMap.astro), loaded by site.ts when the map
// comes near the screen or is first used. The drawing is fitted to its box by CSS; this changes
// only the viewBox (src/lib/map/viewport.ts does the arithmetic), so text is redrawn crisp at every
// zoom. Buttons zoom about the middle of the part of the map on screen; Ctrl + wheel (and a
// trackpad pinch, which the browser reports as one) about the pointer; a two-finger pinch about
// the fingers. Once zoomed in, one finger or the mouse drags the map; at the whole-map view one
// finger scrolls the page as anywhere else. A tap or click that did not drag goes to the box's
// link as usual (and to its preview, see previews.ts).
import { fitView, isFitted, panBy, reveal, resizeView, scaleOf, shows, zoomBy, type BoxPoint, type Size, type View } from '../lib/map/viewport.ts';

const STEP = 1.5;
/** CSS pixels a pointer must move before a press becomes a drag (a tap that wobbles still taps). */
const SLOP = 6;

interface Drawing {
  svg: SVGSVGElement;
  map: Size;
  view: View;
  box: Size;
}

/** Starts the controls of one map figure; a second call for the same figure does nothing. */
export function start(figure: HTMLElement): void {
  if (figure.dataset['mapReady']) return;
  figure.dataset['mapReady'] = '1';
  const viewEl = figure.querySelector<HTMLElement>('[data-map-view]');
  const status = figure.querySelector<HTMLElement>('[data-map-status]');
  if (!viewEl) return;

  const drawings: Drawing[] = [...figure.querySelectorAll<SVGSVGElement>('svg[data-map-svg]')].map((svg) => {
    const vb = svg.viewBox.baseVal;
    const map = { width: vb.width, height: vb.height };
    return { svg, map, view: { x: 0, y: 0, ...map }, box: { width: 0, height: 0 } };
  });
  const sizeOf = (d: Drawing): Size => {
    const r = d.svg.getBoundingClientRect();
    return { width: r.width, height: r.height };
  };
  /** The drawing the container query shows (the other is display: none). */
  const shown = (): Drawing | undefined => drawings.find((d) => d.svg.getClientRects().length > 0);

  const apply = (d: Drawing): void => {
    const v = d.view;
    d.svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.width} ${v.height}`);
    if (d !== shown()) return;
    const fitted = isFitted(v, d.map, d.box);
    figure.classList.toggle('map-zoomed', !fitted);
    const percent = `${Math.round(scaleOf(v, d.box) * 100)} %`;
    if (status) status.textContent = fitted ? `Whole map · ${percent}` : `${percent} · drag to move`;
  };

  const measure = (d: Drawing): boolean => {
    const box = sizeOf(d);
    if (box.width <= 0 || box.height <= 0) return false;
    d.view = d.box.width > 0 ? resizeView(d.view, d.map, d.box, box) : fitView(d.map, box);
    d.box = box;
    apply(d);
    return true;
  };
  for (const d of drawings) measure(d);
  new ResizeObserver(() => {
    for (const d of drawings) measure(d);
  }).observe(viewEl);

  /** A point in the drawing's box from page coordinates. */
  const local = (d: Drawing, clientX: number, clientY: number): BoxPoint => {
    const r = d.svg.getBoundingClientRect();
    return { x: clientX - r.left, y: clientY - r.top };
  };
  /** The middle of the part of the box that is on screen (a tall map may run past the screen's edge). */
  const visibleMiddle = (d: Drawing): BoxPoint => {
    const r = d.svg.getBoundingClientRect();
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, innerHeight);
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, innerWidth);
    return bottom > top && right > left ? local(d, (left + right) / 2, (top + bottom) / 2) : { x: r.width / 2, y: r.height / 2 };
  };
  const update = (change: (d: Drawing) => View): void => {
    const d = shown();
    if (!d || (d.box.width <= 0 && !measure(d))) return;
    d.view = change(d);
    apply(d);
  };
  const zoom = (factor: number, at?: BoxPoint): void => update((d) => zoomBy(d.view, d.map, d.box, factor, at ?? visibleMiddle(d)));
  const fit = (): void => update((d) => fitView(d.map, d.box));

  figure.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest<HTMLElement>('[data-map-zoom]');
    if (!button) return;
    const how = button.dataset['mapZoom'];
    if (how === 'in') zoom(STEP);
    else if (how === 'out') zoom(1 / STEP);
    else fit();
  });

  viewEl.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const d = shown();
    const step = d ? Math.max(40, Math.min(d.box.width, innerHeight) / 4) : 40;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[e.key];
    if (e.key === '+' || e.key === '=') zoom(STEP);
    else if (e.key === '-' || e.key === '_' || e.key === '−') zoom(1 / STEP);
    else if (e.key === '0') fit();
    else if (move && d && !isFitted(d.view, d.map, d.box)) update((x) => panBy(x.view, x.map, x.box, move[0], move[1]));
    else return;
    e.preventDefault();
  });

  // Ctrl + wheel, and a trackpad pinch (reported as a wheel with ctrlKey): zoom about the pointer.
  viewEl.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      const d = shown();
      if (!d) return;
      e.preventDefault();
      const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const factor = Math.exp(Math.max(-1, Math.min(1, (-e.deltaY * lines) / 200)));
      zoom(factor, local(d, e.clientX, e.clientY));
    },
    { passive: false },
  );

  // Pointers: a drag pans (once zoomed in), two pointers pinch. A press that became a drag does not click.
  const down = new Map<number, { x: number; y: number }>();
  let dragged = false;
  let pinch: { distance: number } | null = null;
  const middle = () => {
    const [a, b] = [...down.values()];
    return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, distance: Math.hypot(a.x - b.x, a.y - b.y) } : null;
  };
  viewEl.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (!(e.target as Element | null)?.closest('svg')) return;
    if (down.size === 0) dragged = false;
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (down.size === 2) pinch = { distance: middle()?.distance ?? 0 };
  });
  viewEl.addEventListener('pointermove', (e) => {
    const was = down.get(e.pointerId);
    const d = shown();
    if (!was || !d) return;
    const dx = e.clientX - was.x;
    const dy = e.clientY - was.y;
    if (down.size >= 2 && pinch) {
      const before = middle();
      down.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const after = middle();
      if (!before || !after || before.distance <= 0) return;
      dragged = true;
      viewEl.setPointerCapture(e.pointerId);
      update((x) => panBy(x.view, x.map, x.box, after.x - before.x, after.y - before.y));
      zoom(after.distance / before.distance, local(d, after.x, after.y));
      return;
    }
    if (isFitted(d.view, d.map, d.box)) return;
    if (!dragged && Math.hypot(dx, dy) < SLOP) return;
    if (!dragged) {
      dragged = true;
      viewEl.setPointerCapture(e.pointerId);
      figure.classList.add('map-dragging');
    }
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    update((x) => panBy(x.view, x.map, x.box, dx, dy));
  });
  const up = (e: PointerEvent) => {
    down.delete(e.pointerId);
    if (down.size < 2) pinch = null;
    if (down.size > 0) return;
    figure.classList.remove('map-dragging');
    // The click that may follow this release comes first; a later one (Enter on a box) must go through.
    setTimeout(() => (dragged = false));
  };
  viewEl.addEventListener('pointerup', up);
  viewEl.addEventListener('pointercancel', up);
  // Capture phase: ahead of the page's link and preview handlers.
  viewEl.addEventListener(
    'click',
    (e) => {
      if (!dragged) return;
      dragged = false;
      e.preventDefault();
      e.stopPropagation();
    },
    true,
  );

  // A link pressed with the mouse would otherwise start a drag-and-drop of its address.
  viewEl.addEventListener('dragstart', (e) => e.preventDefault());

  // Tabbing to a box outside the zoomed view brings it into view.
  viewEl.addEventListener('focusin', (e) => {
    const a = (e.target as Element | null)?.closest('a[data-map-node]');
    const rect = a?.querySelector('rect');
    const d = shown();
    if (!a || !rect || !d || !d.svg.contains(a)) return;
    const r = { x: rect.x.baseVal.value, y: rect.y.baseVal.value, width: rect.width.baseVal.value, height: rect.height.baseVal.value };
    if (shows(d.view, r)) return;
    update((x) => reveal(x.view, x.map, r));
    a.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}
