/**
 * Reading the original Stellarr's data (product.md §13): every row a source (`ports/original-source.ts`)
 * hands over goes to the collector of its layout, which validates and normalises it
 * (`domain/import-original/`).
 */
import { createCollector, type OriginalData } from "../../domain/import-original/collect.js";
import { collectDynamoItem } from "../../domain/import-original/dynamodb-layout.js";
import { collectSqliteRow } from "../../domain/import-original/sqlite-layout.js";
import type { OriginalSource } from "../../ports/original-source.js";

export async function readOriginal(
  source: OriginalSource,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<OriginalData> {
  const collector = createCollector();
  await source.read(
    (r) => (r.layout === "sqlite" ? collectSqliteRow(r.table, r.row, collector) : collectDynamoItem(r.item, collector)),
    onProgress,
  );
  return collector.finish();
}
