/**
 * Where the original Stellarr's data comes from (`stellarr import-original`, product.md §13): its
 * SQLite file or its DynamoDB table (`adapters/original/`). A source reads its layout and hands
 * over every row as it is stored; `app/import-original/source.ts` feeds the rows to the collector
 * (`domain/import-original/`), which validates and normalises them.
 */

/** The tables of the original's SQLite file that hold anything (reference-original.md §5.1). */
export type OriginalSqliteTable = "requests" | "library" | "plex_guid_cache" | "config";

/** One DynamoDB attribute as DynamoDB JSON (`{"S": …}`, `{"N": …}`, …): the stored type stays visible. */
export type AttributeValue = Record<string, unknown>;

export type OriginalRow =
  /** A row of the original's SQLite file; integers as bigints, so an out-of-range id is never rounded. */
  | { layout: "sqlite"; table: OriginalSqliteTable; row: Record<string, unknown> }
  /** An item of the original's DynamoDB table, as DynamoDB JSON. */
  | { layout: "dynamodb"; item: Record<string, AttributeValue> };

export interface OriginalSource {
  /** What is being read, for the console (never a secret). */
  readonly label: string;
  /** Reads everything, handing each row to `onRow`; `onProgress(rowsRead, estimatedTotal)` after each row or page. */
  read(onRow: (row: OriginalRow) => void, onProgress: (done: number, total: number) => void): Promise<void>;
}
