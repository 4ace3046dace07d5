import { ChangeRequestState } from '@internal/plugin-nt-infra-common';
import { LoadMoreButton } from '../LoadMoreButton';
import { Flex, Link, Skeleton, Text } from '@backstage/ui';
import { useState } from 'react';
import { formatTime } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { SelectField } from '../SelectField';
import { StatusBadge } from '../StatusBadge';
import { changeStateTone } from './changeStates';
import { useChangesPages } from '../../hooks/useChanges';

const STATES: ReadonlyArray<{ value: ChangeRequestState | ''; label: string }> =
  [
    { value: '', label: 'Any' },
    { value: 'open', label: 'Open' },
    { value: 'approved', label: 'Approved' },
    { value: 'merged', label: 'Merged' },
    { value: 'closed', label: 'Closed' },
  ];

/**
 * The change requests, newest first, a page at a time ("Load more"), kept
 * live as they open and move; each links to its own page (`?change=<id>`).
 */
export function ChangeList() {
  const [state, setState] = useState<ChangeRequestState | ''>('');
  const { page, loading, error, loadMore } = useChangesPages(state);
  const items = page?.items ?? [];

  return (
    <section aria-label="Change requests">
      <Flex direction="column" gap="3">
        <Flex justify="between" align="end">
          <Text as="h3" variant="title-small">
            Change requests
          </Text>
          <SelectField
            label="State"
            value={state}
            options={STATES}
            onChange={setState}
          />
        </Flex>
        {loading && !page ? <Skeleton width="100%" height={80} /> : null}
        {error ? <Text color="danger">{error}</Text> : null}
        {page && items.length === 0 ? (
          <Text color="secondary">No change requests.</Text>
        ) : null}
        {items.length > 0 ? (
          <table className={table.table} aria-label="Change requests">
            <thead>
              <tr>
                <th>Title</th>
                <th>Kind</th>
                <th>State</th>
                <th>Requested by</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map(cr => (
                <tr key={cr.id}>
                  <td>
                    <Link href={`?change=${encodeURIComponent(cr.id)}`}>
                      {cr.title}
                    </Link>
                  </td>
                  <td>{cr.kind}</td>
                  <td>
                    <StatusBadge tone={changeStateTone[cr.state]}>
                      {cr.state}
                    </StatusBadge>
                  </td>
                  <td>{cr.requestedBy}</td>
                  <td className={table.numeric}>{formatTime(cr.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <LoadMoreButton
          nextCursor={page?.nextCursor}
          loading={loading}
          onLoadMore={loadMore}
        />
      </Flex>
    </section>
  );
}
