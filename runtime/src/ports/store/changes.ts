/**
 * The change token: what the cached bodies and ETags of library-status and the feeds (`/list/*`)
 * derive from. It changes with every write to requests or to the current library, in the same
 * write (SQLite: triggers in the writing transaction; DynamoDB: see `adapters/store/dynamodb/changes.ts`),
 * so a 304 reads this one token and builds nothing.
 */

export interface ChangeToken {
  /** Opaque, ETag-safe (`[A-Za-z0-9_-]`). Equal values mean the same requests and library. */
  value: string;
  /**
   * False while a write may still be landing behind the token (DynamoDB, shortly after a change):
   * the token must not key a cached body or an ETag yet; callers build the body and hash it instead.
   */
  settled: boolean;
}

export interface ChangeStore {
  /** The current token: one read (SQLite: one row; DynamoDB: one BatchGetItem). */
  changeToken(): Promise<ChangeToken>;
}
