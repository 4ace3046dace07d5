import { Tone } from '../../lib/tones';

/**
 * Colour of a score for the glance; the number is always shown. 80 needs every
 * mode exercised and passing recovery; under 50 at least half is missing.
 */
export function scoreTone(score: number): Tone {
  if (score >= 80) return 'success';
  if (score >= 50) return 'warning';
  return 'danger';
}
