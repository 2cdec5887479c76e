// Stands in for the `bindings` package inside the Node bundles (build/node-bundle.ts aliases it).
// better-sqlite3 asks `bindings` for its compiled addon; `bindings` finds the calling package by
// reading a stack trace and `__filename`, which inside an ESM bundle name the bundle, not
// better-sqlite3 — and it stats a dozen candidate paths. Both `prebuild-install` and
// `node-gyp rebuild --release` (better-sqlite3's install script) put the addon in build/Release/,
// so it is required from there, resolved from the installed package (node_modules at run time).
// CommonJS by necessity: better-sqlite3 calls what `require("bindings")` returns.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports */
"use strict";

const { dirname, join } = require("node:path");

module.exports = function bindings(name) {
  return require(join(dirname(require.resolve("better-sqlite3/package.json")), "build", "Release", name));
};
