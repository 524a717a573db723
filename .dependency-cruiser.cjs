// The architecture, checked in `npm test` (`npm run lint:arch`): see CONTRIBUTING.md, "Rooms".
// A vendor folder is any folder of src/datasources/ but shared/.
const VENDOR_FOLDER = '^src/datasources/(?!shared/)[^/]+/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle anywhere, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-vendor-to-vendor',
      severity: 'error',
      comment: 'A vendor folder imports no other vendor folder.',
      from: { path: '^src/datasources/(?!shared/)([^/]+)/' },
      to: { path: VENDOR_FOLDER, pathNot: '^src/datasources/$1/' },
    },
    {
      name: 'only-registry-imports-vendors',
      severity: 'error',
      comment: 'Only the registry (src/datasources/registry.ts) imports a vendor folder.',
      from: { path: '^(src|bench|scripts)/', pathNot: ['^src/datasources/registry\\.ts$', VENDOR_FOLDER] },
      to: { path: VENDOR_FOLDER },
    },
    {
      name: 'model-is-neutral',
      severity: 'error',
      comment: 'The model owns the contract: it imports nothing from data sources, HTTP or generated code.',
      from: { path: '^src/model/' },
      to: { path: '^src/(datasources|http|plugins|__generated__|resolvers|leads|request|observability)/' },
    },
    {
      name: 'server-not-to-edge',
      severity: 'error',
      comment: 'The HTTP edge sits above the server: nothing below it imports src/http/.',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/index\\.ts$'] },
      to: { path: '^src/http/' },
    },
    {
      name: 'simulators-only-lazily',
      severity: 'error',
      comment:
        'Production code never loads the simulators or the bench statically: only the start-up path that runs ' +
        'the simulators does, with import().',
      from: { path: '^src/', pathNot: '^src/simulators/' },
      to: { path: '^(src/simulators|bench)/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'unit-tests-start-nothing',
      severity: 'error',
      comment:
        'Tests under test/unit/ call one module directly: they start no graph, server or simulators and spawn ' +
        'no process; those tests live under test/graph/ (CONTRIBUTING.md, "Tests").',
      from: { path: '^test/unit/' },
      to: {
        path: [
          '^test/graph/',
          '^test/support/(graph|http|process|supergraph|fintech-subgraph|otlp-receiver|own-redis)\\.ts$',
          '^(node:)?child_process$',
        ],
      },
    },
    {
      name: 'tests-import-no-tests',
      severity: 'error',
      comment: 'A test file imports helpers (test/support/, test/identity/), never another test file.',
      from: { path: '^test/' },
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type imports count: a circle of types is a circle too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
