// Import rules the code must keep (issue #13), run by `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which part depends on which; break it by passing a function in.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-front-door',
      severity: 'error',
      comment:
        'Outside engine/, import the engine only through engine/index.ts (engine/browser.ts for the designer bundle), ' +
        'so its insides can change freely. Engine tests and their core driver may reach inside.',
      from: {
        path: '^(?!engine/)',
        pathNot: ['^test/engine/', '^test/support/core-driver\\.ts$'],
      },
      to: {
        path: '^engine/',
        pathNot: ['^engine/index\\.ts$', '^engine/browser\\.ts$'],
      },
    },
    {
      name: 'browser-front-door',
      severity: 'error',
      comment: 'The designer bundle runs in the browser: it takes the engine through engine/browser.ts, never engine/index.ts (knex, pg, node:*).',
      from: { path: '^designer/src/' },
      to: { path: '^engine/index\\.ts$' },
    },
    {
      name: 'engine-is-a-library',
      severity: 'error',
      comment: 'The engine knows nothing of the application around it.',
      from: { path: '^engine/' },
      to: { path: '^(server|forms|designer|procedures)/' },
    },
    {
      name: 'forms-below-server',
      severity: 'error',
      comment: 'Forms render and validate; the server uses them, never the other way round.',
      from: { path: '^forms/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-test-code-in-app',
      severity: 'error',
      comment: 'Application code never imports from test/.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|designer/dist|data|\\.dosar-test)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
  },
};
