import { ReactNode } from 'react';
import { Tone } from '../../lib/tones';
import styles from './StatusBadge.module.css';

/**
 * A glyph per tone, so the badge still reads for people who cannot tell the
 * colours apart; it is decorative because the text carries the meaning.
 */
const glyphs: Record<Tone, string> = {
  success: '●',
  warning: '▲',
  danger: '■',
  info: '◆',
  neutral: '○',
};

/** A coloured status label: colour for the glance, text for reading it. */
export function StatusBadge(props: {
  tone: Tone;
  children: ReactNode;
  /** Larger, for the one status a panel is about (its verdict). */
  strong?: boolean;
  /** Extra context for screen readers, e.g. "Verdict". */
  label?: string;
}) {
  const { tone, children, strong, label } = props;
  const className = [styles.badge, styles[tone], strong ? styles.strong : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={className} data-tone={tone}>
      <span aria-hidden="true">{glyphs[tone]}</span>
      {label ? <span className={styles.visuallyHidden}>{label}: </span> : null}
      {children}
    </span>
  );
}
