/**
 * Where the original Stellarr's data comes from (product.md §13): each source (its SQLite file,
 * its DynamoDB table — `adapters/original/`) reads its layout and feeds every row to the collector,
 * which validates and normalises them (`domain/import-original/`).
 */
import { createCollector, type Collector, type OriginalData } from "../../domain/import-original/collect.js";

export interface OriginalSource {
  /** What is being read, for the console (never a secret). */
  readonly label: string;
  /** Reads everything; `onProgress(rowsRead, estimatedTotal)` after each row or page. */
  read(collector: Collector, onProgress: (done: number, total: number) => void): Promise<void>;
}

export async function readOriginal(
  source: OriginalSource,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<OriginalData> {
  const collector = createCollector();
  await source.read(collector, onProgress);
  return collector.finish();
}
