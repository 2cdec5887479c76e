/**
 * The DynamoDB table design as the runtime and the Pulumi stack both declare it: keys, the four
 * request LSIs, the subscription GSI, on-demand billing, TTL on `expires_at` (epoch SECONDS; the
 * name avoids the reserved word `ttl`). What lives in the table is described in
 * `adapters/store/dynamodb/schema.ts`.
 */

/** The local secondary indexes of the `REQ` partition: one Query per listing, newest first. */
export const REQUEST_INDEXES = ["by_seq", "by_type", "by_status", "by_type_status"] as const;
export type RequestIndex = (typeof REQUEST_INDEXES)[number];

/** The TTL setting to apply after creation (`UpdateTimeToLive`; dynalite does not implement it). */
export const TTL_ATTRIBUTE = "expires_at";

/** The CreateTable input for this design (tests, docs, and the Pulumi stack mirror it). */
export function createTableInput(tableName: string) {
  const s = (name: string) => ({ AttributeName: name, AttributeType: "S" });
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [s("pk"), s("sk"), ...REQUEST_INDEXES.map(s), s("gsi1pk"), s("gsi1sk")],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    LocalSecondaryIndexes: REQUEST_INDEXES.map((name) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: name, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
    GlobalSecondaryIndexes: [
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}
