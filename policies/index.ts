// CLI entry point (`pulumi preview --policy-pack policies`): only assembles the pack. Constructing a PolicyPack
// starts the analyzer's gRPC server, so nothing else may import this module.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies.js";

new PolicyPack("stellarr-guard", {
  description: "Stellarr's promise that what `pulumi up` creates is safe: AWS and Docker stacks.",
  policies,
});
