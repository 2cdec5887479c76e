import { describe, expect, it } from "vitest";
import { denyInsecureTransport } from "../../aws/s3/denyInsecureTransport.js";
import { blockAllPublicAccess } from "../../aws/s3/blockAllPublicAccess.js";
import { grantOnlyCloudFront } from "../../aws/s3/grantOnlyCloudFront.js";
import { requirePublicAccessBlock } from "../../aws/s3/requirePublicAccessBlock.js";
import { requireServerSideEncryption } from "../../aws/s3/requireServerSideEncryption.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf } from "../support.js";

const DIST = `arn:aws:cloudfront::${a.ACCOUNT}:distribution/E1`;
const bucket = (name = "b1", extra: object = {}) => record(T.bucket, name, { ...a.bucket(name), ...extra }, { id: name });
const pab = (bucketName = "b1", extra: object = {}) =>
  record(T.bucketPublicAccessBlock, `${bucketName}-pab`, { ...a.publicAccessBlock(bucketName), ...extra });
const sse = (bucketName = "b1", algorithm = "AES256") =>
  record(T.bucketSse, `${bucketName}-sse`, {
    bucket: bucketName,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }],
  });
const policyWith = (statements: object[]) =>
  record(T.bucketPolicy, "b1-policy", { bucket: "b1", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

describe("aws-s3-bucket-require-public-access-block", () => {
  const p = requirePublicAccessBlock;
  it("has metadata", () => expectMetadata(p, "aws-s3-bucket-require-public-access-block"));
  it("passes when every bucket has a block", async () => {
    expect(await messagesOf(p, [bucket("b1"), pab("b1"), bucket("b2"), pab("b2")])).toEqual([]);
  });
  it("reports a bucket without a block", async () => {
    expect(await messagesOf(p, [bucket("b1"), pab("b1"), bucket("b2")])).toEqual([
      "S3 bucket 'b2' has no public access block; add an aws.s3.BucketPublicAccessBlock for it.",
    ]);
  });
});

describe("aws-s3-public-access-block-block-all", () => {
  const p = blockAllPublicAccess;
  it("has metadata", () => expectMetadata(p, "aws-s3-public-access-block-block-all"));
  it("passes with all four settings on", async () => {
    expect(await messagesOf(p, pab())).toEqual([]);
  });
  it.each(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])(
    "reports %s turned off",
    async (setting) => {
      expect(await messagesOf(p, pab("b1", { [setting]: false }))).toEqual([`The public access block must set ${setting} to true.`]);
    },
  );
  it("ignores other resource types", async () => {
    expect(await messagesOf(p, bucket())).toEqual([]);
  });
});

describe("aws-s3-bucket-require-server-side-encryption", () => {
  const p = requireServerSideEncryption;
  it("has metadata", () => expectMetadata(p, "aws-s3-bucket-require-server-side-encryption"));
  it("passes with a separate configuration resource", async () => {
    expect(await messagesOf(p, [bucket(), sse()])).toEqual([]);
  });
  it("passes with inline configuration", async () => {
    const inline = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } };
    expect(await messagesOf(p, [bucket("b1", inline)])).toEqual([]);
  });
  it("reports a bucket without encryption", async () => {
    expect(await messagesOf(p, [bucket("b1"), sse("other")])).toEqual([
      "S3 bucket 'b1' declares no server-side encryption; add an aws.s3.BucketServerSideEncryptionConfiguration with AES256 or aws:kms.",
    ]);
  });
  it("reports an invalid algorithm", async () => {
    expect(await messagesOf(p, [bucket(), sse("b1", "ROT13")])).toEqual([
      "S3 bucket 'b1' declares server-side encryption without a valid algorithm; use AES256 or aws:kms.",
    ]);
  });
});

describe("aws-s3-bucket-policy-grant-only-cloudfront", () => {
  const p = grantOnlyCloudFront;
  const read = a.cloudFrontReadStatement("b1", DIST);
  it("has metadata", () => expectMetadata(p, "aws-s3-bucket-policy-grant-only-cloudfront"));
  it("passes for a CloudFront read grant plus a TLS deny", async () => {
    expect(await messagesOf(p, record(T.bucketPolicy, "b1-policy", a.bucketPolicy("b1", DIST)))).toEqual([]);
  });
  it("accepts the document as an object and ListBucket with ArnLike on an exact ARN", async () => {
    const statement = { ...read, Action: ["s3:GetObject", "s3:ListBucket"], Condition: { ArnLike: { "aws:SourceArn": DIST } } };
    const r = record(T.bucketPolicy, "b1-policy", { bucket: "b1", policy: { Version: "2012-10-17", Statement: [statement] } });
    expect(await messagesOf(p, r)).toEqual([]);
  });
  it("reports an unparsable document", async () => {
    expect(await messagesOf(p, record(T.bucketPolicy, "x", { bucket: "b1", policy: "{not json" }))).toEqual([
      "The bucket policy is not a valid JSON policy document.",
    ]);
  });
  it("reports a public principal", async () => {
    expect(await messagesOf(p, policyWith([{ ...read, Principal: "*" }]))).toEqual([
      "Statement 'AllowCloudFrontRead' allows a principal other than cloudfront.amazonaws.com.",
    ]);
  });
  it("reports an extra principal next to CloudFront", async () => {
    const principal = { Service: "cloudfront.amazonaws.com", AWS: `arn:aws:iam::${a.ACCOUNT}:root` };
    const { Sid: _sid, ...unnamed } = read;
    expect(await messagesOf(p, policyWith([{ ...unnamed, Principal: principal }]))).toEqual([
      "Statement #1 allows a principal other than cloudfront.amazonaws.com.",
    ]);
  });
  it("reports a missing AWS:SourceArn condition", async () => {
    const { Condition: _c, ...noCondition } = read;
    expect(await messagesOf(p, policyWith([noCondition]))).toEqual([
      "Statement 'AllowCloudFrontRead' grants CloudFront access without an exact AWS:SourceArn condition.",
    ]);
  });
  it("reports a wildcard AWS:SourceArn", async () => {
    const wildcard = { ...read, Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:cloudfront::${a.ACCOUNT}:distribution/*` } } };
    expect(await messagesOf(p, policyWith([wildcard]))).toEqual([
      "Statement 'AllowCloudFrontRead' grants CloudFront access without an exact AWS:SourceArn condition.",
    ]);
  });
  it("reports write access for CloudFront", async () => {
    expect(await messagesOf(p, policyWith([{ ...read, Action: ["s3:GetObject", "s3:PutObject"] }]))).toEqual([
      "Statement 'AllowCloudFrontRead' grants CloudFront s3:PutObject; only s3:GetObject and s3:ListBucket are allowed.",
    ]);
  });
});

describe("aws-s3-bucket-deny-insecure-transport", () => {
  const p = denyInsecureTransport;
  const deny = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: "s3:*",
    Resource: ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
  const MESSAGE =
    "S3 bucket 'b1' does not deny plain-HTTP requests; add a Deny statement for everyone on s3:* with the condition aws:SecureTransport false.";
  it("has metadata", () => expectMetadata(p, "aws-s3-bucket-deny-insecure-transport"));
  it("passes with a deny on s3:*, or on the object actions", async () => {
    expect(await messagesOf(p, [bucket(), record(T.bucketPolicy, "pol", a.bucketPolicy("b1", DIST))])).toEqual([]);
    const objects = { ...deny, Principal: "*", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"] };
    expect(await messagesOf(p, [bucket(), policyWith([a.cloudFrontReadStatement("b1", DIST), objects])])).toEqual([]);
  });
  it("reports a bucket without a bucket policy", async () => {
    expect(await messagesOf(p, [bucket()])).toEqual([MESSAGE]);
  });
  it("reports a policy without the TLS deny", async () => {
    expect(await messagesOf(p, [bucket(), policyWith([a.cloudFrontReadStatement("b1", DIST)])])).toEqual([MESSAGE]);
  });
  it("reports a deny that misses the object actions or applies to one principal", async () => {
    expect(await messagesOf(p, [bucket(), policyWith([{ ...deny, Action: "s3:ListBucket" }])])).toEqual([MESSAGE]);
    expect(await messagesOf(p, [bucket(), policyWith([{ ...deny, Principal: { AWS: `arn:aws:iam::${a.ACCOUNT}:root` } }])])).toEqual([
      MESSAGE,
    ]);
  });
});
