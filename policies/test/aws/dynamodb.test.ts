import { describe, expect, it } from "vitest";
import { enableDeletionProtection } from "../../aws/dynamodb/enableDeletionProtection.js";
import { enablePointInTimeRecovery } from "../../aws/dynamodb/enablePointInTimeRecovery.js";
import { enableServerSideEncryption } from "../../aws/dynamodb/enableServerSideEncryption.js";
import { enableTtl } from "../../aws/dynamodb/enableTtl.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf, tweak } from "../support.js";

type Table = Record<string, any>;
const table = (change: (t: Table) => void = () => {}) => record(T.table, "requests", tweak(a.table() as Table, change));

describe("aws-dynamodb-table-enable-point-in-time-recovery", () => {
  const p = enablePointInTimeRecovery;
  it("has metadata", () => expectMetadata(p, "aws-dynamodb-table-enable-point-in-time-recovery"));
  it("passes with PITR", async () => expect(await messagesOf(p, table())).toEqual([]));
  it.each([
    ["disabled", (t: Table) => (t.pointInTimeRecovery.enabled = false)],
    ["unset", (t: Table) => delete t["pointInTimeRecovery"]],
  ])("reports PITR %s", async (_label, change) => {
    expect(await messagesOf(p, table(change))).toEqual([
      "The table must enable point-in-time recovery (pointInTimeRecovery.enabled true).",
    ]);
  });
});

describe("aws-dynamodb-table-enable-server-side-encryption", () => {
  const p = enableServerSideEncryption;
  it("has metadata", () => expectMetadata(p, "aws-dynamodb-table-enable-server-side-encryption"));
  it("passes with SSE", async () => expect(await messagesOf(p, table())).toEqual([]));
  it("reports the AWS owned default", async () => {
    expect(
      await messagesOf(
        p,
        table((t) => delete t["serverSideEncryption"]),
      ),
    ).toEqual(["The table must enable server-side encryption with a KMS key (serverSideEncryption.enabled true)."]);
  });
});

describe("aws-dynamodb-table-enable-ttl", () => {
  const p = enableTtl;
  it("has metadata", () => expectMetadata(p, "aws-dynamodb-table-enable-ttl"));
  it("passes with TTL", async () => expect(await messagesOf(p, table())).toEqual([]));
  it("reports TTL off", async () => {
    expect(
      await messagesOf(
        p,
        table((t) => delete t["ttl"]),
      ),
    ).toEqual(["The table must enable TTL (ttl.enabled true) so expired items are deleted."]);
  });
  it("reports TTL without an attribute", async () => {
    expect(
      await messagesOf(
        p,
        table((t) => (t.ttl = { enabled: true } as Table["ttl"])),
      ),
    ).toEqual(["The table enables TTL without naming the attribute (ttl.attributeName)."]);
  });
});

describe("aws-dynamodb-table-enable-deletion-protection", () => {
  const p = enableDeletionProtection;
  const unprotected = (tags: Record<string, string> = {}) =>
    table((t) => {
      t.deletionProtectionEnabled = false;
      t.tags = { ...t.tags, ...tags };
    });
  const bucket = (name: string, forceDestroy: boolean) => record(T.bucket, name, { ...a.bucket(name), forceDestroy });
  it("has metadata", () => expectMetadata(p, "aws-dynamodb-table-enable-deletion-protection"));
  it("passes with deletion protection", async () => expect(await messagesOf(p, [table()])).toEqual([]));
  it("allows the teardown switch as a table tag", async () => {
    expect(await messagesOf(p, [unprotected({ "stellarr:force-destroy": "true" })])).toEqual([]);
    expect(await messagesOf(p, [unprotected({ teardown: "TRUE" })])).toEqual([]);
  });
  it("allows the teardown switch seen on every bucket", async () => {
    expect(await messagesOf(p, [unprotected(), bucket("b1", true), bucket("b2", true)])).toEqual([]);
  });
  it("reports an unprotected table", async () => {
    const message =
      "DynamoDB table 'requests' has no deletion protection; set deletionProtectionEnabled (only the stack's forceDestroy switch may turn it off).";
    expect(await messagesOf(p, [unprotected()])).toEqual([message]);
    expect(await messagesOf(p, [unprotected({ forceDestroy: "false" })])).toEqual([message]);
    // One force-destroyable bucket (e.g. a cache) is not the stack-wide switch.
    expect(await messagesOf(p, [unprotected(), bucket("b1", true), bucket("b2", false)])).toEqual([message]);
  });
});
