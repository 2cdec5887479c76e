// The entry `pulumi preview --policy-pack policies` loads (package.json `main`). The Node.js language host starts a
// pack as `node <@pulumi/pulumi/cmd/run-policy-pack> <nodeargs> <engine> <pack dir>`: nodeargs land after the script,
// so Node never sees `--import tsx`, and run-policy-pack registers ts-node and `require()`s this directory. So this
// file is plain CommonJS and loads the ESM TypeScript pack (index.ts) through tsx's API itself. run-policy-pack
// awaits the exported promise and reports its rejection. (tsx's own CommonJS build of `tsx/esm/api` registers a
// loader path that does not exist in tsx 4.23, hence the dynamic import of its ESM build.)
/* global module, __filename */
"use strict";

module.exports = import("tsx/esm/api").then(({ tsImport }) => tsImport("./index.ts", __filename));
