import { TableColumn } from '@backstage/core-components';
import { ResilienceScoreCell } from './ResilienceScoreCell';

/** What the column reads of a catalog table row (`CatalogTableRow`). */
export interface ResilienceColumnRow {
  resolved: { entityRef: string };
}

/**
 * The "Resilience" column for the catalog's entity table. Its cells share one
 * request per page; not sortable, because the scores arrive after the rows.
 * @public
 */
export function createResilienceColumn<
  T extends ResilienceColumnRow,
>(): TableColumn<T> {
  return {
    title: 'Resilience',
    sorting: false,
    render: row => <ResilienceScoreCell entityRef={row.resolved.entityRef} />,
  };
}
