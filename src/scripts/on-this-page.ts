// Marks the entry of the "On this page" column (components/OnThisPage.astro) whose section or
// comment is being read, and keeps that entry in view when the column scrolls on its own. Loaded
// by site.ts only when the page has the column and the screen is wide enough to show it.

/** The line, from the top of the viewport, that a passage must have reached to count as being read. */
const READING_LINE = 0.3;

const started = new WeakSet<HTMLElement>();

/** Starts marking the entry in view in one contents nav; calling it again for the same nav does nothing. */
export function watch(nav: HTMLElement): void {
  if (started.has(nav)) return;
  started.add(nav);
  const details = nav.querySelector('details');
  // Where the browser cannot show a closed <details>'s list (no ::details-content), open it here.
  if (details && !CSS.supports('selector(::details-content)')) details.open = true;
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('a[data-contents-entry]')];
  const entries = links.flatMap((link) => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    return target ? [{ link, target }] : [];
  });
  const scroller = nav.querySelector<HTMLElement>('.otp-list') ?? nav;
  let current: HTMLAnchorElement | null = null;
  let frame = 0;

  let resized = false;
  const update = (): void => {
    frame = 0;
    const reflow = resized;
    resized = false;
    const line = innerHeight * READING_LINE;
    const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
    let found: HTMLAnchorElement | null = null;
    // Entries are in page order: the last one whose passage has reached the line is being read. At
    // the very end of the page the last passage that has come into view counts, however short.
    for (const { link, target } of entries) {
      const top = target.getBoundingClientRect().top;
      if (top <= line || (atEnd && top < innerHeight)) found = link;
      else if (!atEnd) break;
    }
    if (found === current && !reflow) return;
    current?.removeAttribute('aria-current');
    current = found;
    if (!found) return;
    found.setAttribute('aria-current', 'true');
    // Scroll only the column (scrollIntoView would move the page too).
    const box = scroller.getBoundingClientRect();
    const at = found.getBoundingClientRect();
    if (at.top < box.top || at.bottom > box.bottom) scroller.scrollTop += at.top - box.top - box.height / 3;
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener(
    'resize',
    () => {
      // The column's height changed with the window: bring the marked entry back into its view.
      resized = true;
      schedule();
    },
    { passive: true },
  );
  update();
}

/**
 * Keeps the corner control (Base.astro's .page-jump) out of the text while the reader reads on:
 * it slides away while the page scrolls down and comes back as soon as it scrolls up, which is
 * when a reader is looking for a way around. Keyboard focus always shows it (CSS). `fromY` is
 * where the page stood before the scroll that loaded this module, so that scroll counts too.
 */
export function tuckAway(control: HTMLElement, fromY: number): void {
  if (started.has(control)) return;
  started.add(control);
  let lastY = fromY;
  const onScroll = (): void => {
    const y = scrollY;
    // A few pixels either way is jitter (a touch scroll settling), not a change of direction.
    if (Math.abs(y - lastY) < 8) return;
    control.classList.toggle('page-jump-away', y > lastY);
    lastY = y;
  };
  addEventListener('scroll', onScroll, { passive: true });
  onScroll();
}

/**
 * Starts both behaviours for a page's contents nav: marking runs while the screen is wide enough to
 * show the column, and the corner control tucks away from the first scroll after `fromY`.
 */
export function start(nav: HTMLElement, fromY: number): void {
  const wide = matchMedia('(min-width: 75rem)');
  const mark = (): void => {
    if (wide.matches) watch(nav);
  };
  mark();
  wide.addEventListener('change', mark);
  const jump = document.querySelector<HTMLElement>('.page-jump');
  if (jump) tuckAway(jump, fromY);
}
