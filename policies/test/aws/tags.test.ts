import { describe, expect, it } from "vitest";
import { tagTaggableResources } from "../../aws/tags/tagTaggableResources.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf, notApplicableReasons } from "../support.js";

describe("aws-tags-tag-taggable-resources", () => {
  const p = tagTaggableResources;
  it("has metadata", () => expectMetadata(p, "aws-tags-tag-taggable-resources"));
  it("passes for tagged resources", async () => {
    expect(await messagesOf(p, [record(T.bucket, "b", a.bucket()), record(T.table, "t", a.table())])).toEqual([]);
  });
  it("is not applicable to types that take no tags", async () => {
    const pab = record(T.bucketPublicAccessBlock, "pab", a.publicAccessBlock());
    expect(await messagesOf(p, pab)).toEqual([]);
    expect(await notApplicableReasons(p, [pab])).toEqual(["This resource type takes no tags."]);
  });
  it("reports an untagged resource", async () => {
    const { tags: _t, ...untagged } = a.lambdaFunction();
    expect(await messagesOf(p, record(T.lambdaFunction, "api", untagged))).toEqual([
      "The resource has no tags; tag every taggable resource with the Project and Stack names.",
    ]);
  });
  it("reports a missing default tag key", async () => {
    const { Stack: _s, ...tags } = a.TAGS;
    expect(await messagesOf(p, record(T.table, "t", { ...a.table(), tags }))).toEqual([
      "The resource is missing the required tag 'Stack'.",
    ]);
  });
  it("follows configured tag keys", async () => {
    expect(await messagesOf(p, record(T.table, "t", a.table()), { requiredTagKeys: ["Project", "Owner"] })).toEqual([
      "The resource is missing the required tag 'Owner'.",
    ]);
  });
});
