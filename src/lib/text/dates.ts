const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Formats an export's date ("2023-11-15T22:30", "2023-11-15" or "2023") for readers, without
 * converting time zones: the exports do not say which zone they use, so we show the clock as given.
 */
export function formatExportDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/.exec(value.trim());
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  const month = mo ? MONTHS[Number(mo) - 1] : undefined;
  if (!month) return y ?? value;
  if (!d) return `${month} ${y}`;
  const day = `${Number(d)} ${month} ${y}`;
  return h && mi ? `${day}, ${h}:${mi}` : day;
}
