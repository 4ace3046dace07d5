import { FailoverMark } from '@internal/plugin-nt-infra-common';
import { markLabel } from '../../lib/failoverHeadline';
import { FailoverMarkFigures, markSourceText } from '../../lib/failoverMarks';
import { formatOffset } from './formatOffset';
import styles from './FailoverCurve.module.css';

/** Every mark with its time after the cut and where the moment came from. */
export function MarkList(props: {
  marks: FailoverMark[];
  figures: FailoverMarkFigures;
}) {
  if (props.marks.length === 0) return null;
  return (
    <ul className={styles.marks} aria-label="Marks">
      {props.marks.map(m => (
        <li key={`${m.kind}-${m.seconds}`}>
          <span className={styles.markName}>{markLabel[m.kind]}</span>{' '}
          {formatOffset(m.seconds)}
          <span className={styles.markSource}>
            {' '}
            ({markSourceText(m, props.figures)})
          </span>
        </li>
      ))}
    </ul>
  );
}
