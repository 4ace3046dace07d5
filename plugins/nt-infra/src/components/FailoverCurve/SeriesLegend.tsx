import styles from './FailoverCurve.module.css';

/**
 * The lines' colours, fixed rather than the chart theme's so the legend
 * below the chart can show them; each has 3:1 contrast or more against the
 * light and the dark background. Red for failures, as the stop conditions.
 */
export const seriesColors = {
  primary: '#00897b',
  secondary: '#1e88e5',
  errors: '#c62828',
} as const;

/** What each line is, below the chart: a list that wraps on a narrow page. */
export function SeriesLegend(props: {
  series: ReadonlyArray<{ id: string; label: string; color: string }>;
  /** The error objective's dashed line, with its value. */
  objective?: string;
}) {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {props.series.map(s => (
        <li key={s.id}>
          <span
            aria-hidden="true"
            className={styles.swatch}
            style={{ background: s.color }}
          />{' '}
          {s.label}
        </li>
      ))}
      {props.objective ? (
        <li>
          <span aria-hidden="true" className={styles.dash} /> {props.objective}
        </li>
      ) : null}
    </ul>
  );
}
