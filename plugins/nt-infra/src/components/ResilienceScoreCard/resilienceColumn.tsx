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
    // As wide as its score needs, like the catalog's Type and Tags: a column
    // without a width takes an equal share of the table with Name, System,
    // Owner and Lifecycle, which shrank Name's share from a quarter to a fifth.
    width: 'auto',
    render: row => <ResilienceScoreCell entityRef={row.resolved.entityRef} />,
  };
}
