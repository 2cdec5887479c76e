/**
 * The runtime's prebuilt Node bundles (runtime/build/node-bundle.ts) for tests in other workspaces:
 * where they are, what they were built from, and building them when missing or stale.
 */
export { ensureNodeBundle, NODE_BUNDLE_FILES, NODE_DIST_DIR, NODE_ENTRIES, NODE_METAFILE } from "@stellarr/runtime/build/node-bundle";
