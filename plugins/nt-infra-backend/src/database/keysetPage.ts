import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/**
 * The columns a list is ordered by, newest first: `position` (a
 * millisecond timestamp, or the id itself for an append-only table) then
 * `id` as the tie-breaker. Both may carry a table alias (`r.created_at`).
 */
export interface KeysetColumns<Row> {
  position: string;
  id: string;
  /** The row's values of those columns (PostgreSQL returns bigints as strings). */
  keyOf(row: Row): { position: number | string; id: number | string };
}

export interface KeysetPage<Row> {
  rows: Row[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

const CURSOR = /^(\d{1,18}):([A-Za-z0-9-]{1,64})$/;

/** An opaque cursor: the last row's position and id, base64url-encoded. */
export function encodeCursor(
  position: number | string,
  id: number | string,
): string {
  return Buffer.from(`${Number(position)}:${id}`).toString('base64url');
}

/** The position and id a cursor names, or undefined when it is not one of ours. */
export function decodeCursor(
  cursor: string,
): { position: number; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = CURSOR.exec(text);
  return match ? { position: Number(match[1]), id: match[2] } : undefined;
}

/**
 * One page of `query`, newest first, after `cursor`. Keyset rather than
 * offset pagination: a page never skips or repeats a row when rows are
 * added meanwhile, and each page costs an index range scan however deep.
 * `query` carries the filters; ordering and the limit are added here.
 * Throws InputError naming `cursor` when it is malformed.
 */
export async function keysetPage<Row>(
  query: Knex.QueryBuilder,
  columns: KeysetColumns<Row>,
  page: { limit: number; cursor?: string },
): Promise<KeysetPage<Row>> {
  const { position, id } = columns;
  query
    .orderBy([
      { column: position, order: 'desc' },
      // The same column twice (an append-only table ordered by id) is one key.
      ...(position === id ? [] : [{ column: id, order: 'desc' as const }]),
    ])
    .limit(page.limit + 1);
  if (page.cursor !== undefined) {
    const after = decodeCursor(page.cursor);
    if (!after) {
      throw new InputError(`Invalid query parameter 'cursor'`);
    }
    // Row-value comparison spelled out: SQLite and PostgreSQL both index it.
    query.where(q =>
      q
        .where(position, '<', after.position)
        .orWhere(q2 =>
          q2.where(position, '=', after.position).andWhere(id, '<', after.id),
        ),
    );
  }
  const rows = (await query) as Row[];
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows[pageRows.length - 1];
  let nextCursor: string | undefined;
  if (rows.length > page.limit && last) {
    const key = columns.keyOf(last);
    nextCursor = encodeCursor(key.position, key.id);
  }
  return { rows: pageRows, nextCursor };
}
