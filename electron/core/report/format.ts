/** Plain-text formatting for the report and the analyze command: same output on every machine. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A hop's delay: "12 s", "3 min 5 s", "2 h 4 min"; negative when the clocks disagree. */
export function formatDelay(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '';
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${sign}${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  return `${sign}${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/** "Name <address>" for each, comma-separated. */
export function formatAddresses(list: readonly { name: string; address: string }[]): string {
  return list.map((entry) => (entry.name ? `${entry.name} <${entry.address}>` : entry.address)).join(', ');
}
