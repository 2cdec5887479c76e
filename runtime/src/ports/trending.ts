/** Where the trending warmer writes `trending-{type}-{locale}.json` (S3 or `DATA_DIR/trending/`). */
export interface TrendingSink {
  /** Writes one file atomically (readers see the old or the new body). */
  write(name: string, body: string): Promise<void>;
  /** Last-modified time of a file in ms, or null when absent (embedded scheduling). */
  modifiedAt?(name: string): Promise<number | null>;
}
