/**
 * The DynamoDB table args, derived from the store adapter's own CreateTable input
 * (runtime/src/adapters/store/dynamodb/schema.ts), so the deployed table cannot drift from the
 * design the adapter and its contract tests use.
 */
import { TTL_ATTRIBUTE, createTableInput } from "@stellarr/runtime/contract";

type CreateTableInput = ReturnType<typeof createTableInput>;

export interface TableShape {
  hashKey: string;
  rangeKey: string;
  attributes: { name: string; type: string }[];
  localSecondaryIndexes: { name: string; rangeKey: string; projectionType: string }[];
  /** `keySchemas` (aws 7: the GSI's hashKey/rangeKey are deprecated). */
  globalSecondaryIndexes: { name: string; keySchemas: { attributeName: string; keyType: string }[]; projectionType: string }[];
  ttlAttribute: string;
}

export function tableShape(input: CreateTableInput = createTableInput("shape")): TableShape {
  const key = (schema: { AttributeName: string; KeyType: string }[], type: "HASH" | "RANGE") => {
    const k = schema.find((s) => s.KeyType === type);
    if (!k) throw new Error(`key schema without ${type}`);
    return k.AttributeName;
  };
  return {
    hashKey: key(input.KeySchema, "HASH"),
    rangeKey: key(input.KeySchema, "RANGE"),
    attributes: input.AttributeDefinitions.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
    localSecondaryIndexes: (input.LocalSecondaryIndexes ?? []).map((i) => ({
      name: i.IndexName,
      rangeKey: key(i.KeySchema, "RANGE"),
      projectionType: i.Projection.ProjectionType,
    })),
    globalSecondaryIndexes: (input.GlobalSecondaryIndexes ?? []).map((i) => ({
      name: i.IndexName,
      keySchemas: i.KeySchema.map((k) => ({ attributeName: k.AttributeName, keyType: k.KeyType })),
      projectionType: i.Projection.ProjectionType,
    })),
    ttlAttribute: TTL_ATTRIBUTE,
  };
}
