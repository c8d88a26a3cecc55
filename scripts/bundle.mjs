// Bundles the command line into one file: loading one module is much faster than
// resolving and linking the ~200 modules tsc emits, and a one-file scan must start fast.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/cli/bulwark.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded lazily with createRequire, only for documents the fast position reader declines.
  external: ['yaml'],
  banner: { js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
