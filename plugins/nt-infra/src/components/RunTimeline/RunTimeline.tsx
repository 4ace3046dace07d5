import { RunTransition } from '@internal/plugin-nt-infra-common';
import { formatTime, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { StatusBadge } from '../StatusBadge';

/**
 * A run's transitions in order: who moved it, why and when. This is the
 * record people read after an incident, so the reason is shown in full.
 */
export function RunTimeline(props: { transitions: RunTransition[] }) {
  const transitions = [...props.transitions].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  if (transitions.length === 0) {
    return null;
  }
  return (
    <table className={table.table} aria-label="Timeline">
      <thead>
        <tr>
          <th>Time</th>
          <th>State</th>
          <th>Actor</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {transitions.map((t, i) => (
          <tr key={`${t.at}-${i}`}>
            <td className={table.numeric}>{formatTime(t.at)}</td>
            <td>
              <StatusBadge tone={runStateTone[t.to]}>{t.to}</StatusBadge>
            </td>
            <td>{t.actor}</td>
            <td>{t.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
