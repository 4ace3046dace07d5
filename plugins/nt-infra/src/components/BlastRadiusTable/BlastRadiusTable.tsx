import { formatPercent } from '../../lib/format';
import forms from '../../lib/forms.module.css';
import table from '../../lib/table.module.css';
import { StatusBadge } from '../StatusBadge';

/** One region's share of a run: the cluster and the exact pods. */
export interface BlastRadiusRow {
  region: string;
  cluster: string;
  matching: number;
  targets: Array<{ namespace: string; name: string }>;
}

/**
 * The pods a run hits, region by region, by name: approvers and on-call want
 * to know which pods, not only how many. With `limit`, the fraction is set
 * against it (production allows at most 10 % of the matching pods).
 */
export function BlastRadiusTable(props: {
  rows: BlastRadiusRow[];
  /** Largest allowed fraction of matching pods, e.g. 0.1. */
  limit?: number;
}) {
  const { rows, limit } = props;
  return (
    <table className={table.table} aria-label="Blast radius">
      <thead>
        <tr>
          <th>Region</th>
          <th>Cluster</th>
          <th>Pods hit</th>
          <th>Target pods</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(row => {
          const fraction =
            row.matching > 0 ? row.targets.length / row.matching : 0;
          const over = limit !== undefined && fraction > limit;
          return (
            <tr key={row.region} aria-label={`Targets ${row.region}`}>
              <th scope="row">{row.region}</th>
              <td>{row.cluster}</td>
              <td className={table.numeric}>
                {row.targets.length} of {row.matching} (
                {formatPercent(fraction, 0)}
                {limit !== undefined
                  ? `; limit ${formatPercent(limit, 0)}`
                  : ''}
                ){' '}
                {over ? (
                  <StatusBadge tone="danger">over limit</StatusBadge>
                ) : null}
              </td>
              <td>
                {row.targets.length === 0 ? (
                  <StatusBadge tone="warning">no pods selected</StatusBadge>
                ) : (
                  <ul className={forms.list}>
                    {row.targets.map(t => (
                      <li
                        key={`${t.namespace}/${t.name}`}
                        className={forms.mono}
                      >
                        {t.namespace}/{t.name}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
