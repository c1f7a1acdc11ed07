/**
 * Deciding whether SQL handed to `query()` only reads. DuckDB itself classifies the
 * statement (extract + prepare), so no regex guesses at SQL; file access is refused by
 * the instance setting `enable_external_access=false`, which makes COPY, ATTACH,
 * INSTALL/LOAD and read_csv/read_parquet on paths fail when prepared.
 * @module
 */
import { StatementType } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api'
import { VigilError } from '@vigil/core/errors'

/** DESCRIBE, SHOW, SUMMARIZE and read pragmas such as table_info prepare as SELECT. */
const READ_TYPES: ReadonlySet<StatementType> = new Set([StatementType.SELECT, StatementType.EXPLAIN])

function notReadOnly(why: string): VigilError {
  return new VigilError(
    'VIGIL_ERR_QUERY_NOT_READ_ONLY',
    `${why}. vigil query runs one read-only statement (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, PRAGMA reads) and never touches files.`,
  )
}

function isPermissionError(e: unknown): boolean {
  return e instanceof Error && /^Permission Error/.test(e.message)
}

export async function prepareReadOnly(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  let extracted
  try {
    extracted = await conn.extractStatements(sql)
  } catch (e) {
    throw new VigilError('VIGIL_ERR_STORE_QUERY', `The query does not parse: ${(e as Error).message}`, { cause: e })
  }
  if (extracted.count !== 1) throw notReadOnly(`Expected exactly one statement, got ${extracted.count}`)
  let prepared: DuckDBPreparedStatement
  try {
    prepared = await extracted.prepare(0)
  } catch (e) {
    if (isPermissionError(e)) throw notReadOnly('The statement reads or writes files')
    throw new VigilError('VIGIL_ERR_STORE_QUERY', `The query failed: ${(e as Error).message}`, { cause: e })
  }
  const type = prepared.statementType
  if (!READ_TYPES.has(type)) {
    prepared.destroySync()
    throw notReadOnly(`A ${StatementType[type] ?? 'non-read'} statement is not allowed`)
  }
  return prepared
}
