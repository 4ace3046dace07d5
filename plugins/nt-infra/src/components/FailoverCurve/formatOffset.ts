import { formatSeconds } from '../../lib/format';

/** "+35 s" after the cut, "−10 s" before it. */
export function formatOffset(seconds: number): string {
  if (seconds === 0) return '0 s';
  const text = formatSeconds(Math.abs(seconds));
  return seconds < 0 ? `−${text}` : `+${text}`;
}
