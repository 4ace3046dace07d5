import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import { createResilienceColumn } from '@internal/plugin-nt-infra';

const resilienceColumn = createResilienceColumn<CatalogTableRow>();

/**
 * The catalog's own columns, plus "Resilience" on the Component table: the
 * services whose runs the portal scores. Its cells share one request per page.
 */
export const resilienceColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  // The kind the table shows, read as the catalog's own columns read it.
  const kind = context.entities[0]?.kind ?? context.filters.kind?.value ?? '';
  return kind.toLocaleLowerCase('en-US') === 'component'
    ? [...columns, resilienceColumn]
    : columns;
};
