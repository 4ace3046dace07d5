import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import { TableColumn } from '@backstage/core-components';
import { createResilienceColumn } from '@internal/plugin-nt-infra';

const resilienceColumn = createResilienceColumn<CatalogTableRow>();

/**
 * The catalog's own columns, plus "Resilience" on the Component table: the
 * services whose runs the portal scores. Its cells share one request per page.
 */
/**
 * The catalog's cells may break a word anywhere (`word-break: break-word`), so
 * the table's automatic layout squeezed the Name column, the one of long
 * unbroken words, until names ran a few letters (at narrower widths one
 * letter) per line. Names break at their hyphens and slashes only; the
 * table scrolls sideways when it no longer fits.
 */
const nameCellStyle = { wordBreak: 'normal', overflowWrap: 'normal' } as const;

function readableNames(column: TableColumn<CatalogTableRow>) {
  if (column.field !== 'resolved.entityRef') return column;
  return {
    ...column,
    cellStyle:
      typeof column.cellStyle === 'function'
        ? column.cellStyle
        : { ...column.cellStyle, ...nameCellStyle },
  };
}

export const resilienceColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context).map(readableNames);
  // The kind the table shows, read as the catalog's own columns read it.
  const kind = context.entities[0]?.kind ?? context.filters.kind?.value ?? '';
  return kind.toLocaleLowerCase('en-US') === 'component'
    ? [...columns, resilienceColumn]
    : columns;
};
