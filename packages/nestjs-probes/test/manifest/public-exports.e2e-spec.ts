import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

const packageDir = join(__dirname, '..', '..');
const repoRoot = join(packageDir, '..', '..');

/**
 * Every name each entry point exports, types included: the documented public API, exactly. A new
 * export is a decision to take here; an internal that leaks through a barrel fails this test.
 */
const PUBLIC_API: Record<string, { values: string[]; types: string[] }> = {
  'nestjs-probes': {
    values: [
      'HealthAdminGuard',
      'HealthCheck',
      'HealthCheckTimeoutError',
      'HealthConfigurationError',
      'HealthEvents',
      'HealthModule',
      'degraded',
      'down',
      'getHealthOptionsToken',
      'isPublicHealthProbe',
    ],
    types: [
      'HealthAdminRateLimit',
      'HealthCheckDefaults',
      'HealthCheckDegraded',
      'HealthCheckDown',
      'HealthCheckOptions',
      'HealthCheckRefresh',
      'HealthCheckReport',
      'HealthCheckRun',
      'HealthCheckTransition',
      'HealthDetailsOptions',
      'HealthDetailsReport',
      'HealthModuleAsyncOptions',
      'HealthModuleExtras',
      'HealthModuleOptions',
      'HealthModuleSyncOptions',
      'HealthOptionsFactory',
      'HealthShutdownOptions',
      'HealthSnapshot',
      'HealthStatus',
      'HealthStatusChange',
      'ProbeKind',
      'ReadyMadeCheckAsyncOptions',
      'ReadyMadeCheckOptions',
      'ResolvedHealthOptions',
      'RolesReading',
    ],
  },
  'nestjs-probes/typeorm': {
    values: ['TypeOrmHealthModule'],
    types: ['PoolFigures', 'TypeOrmHealthAsyncOptions', 'TypeOrmHealthOptions'],
  },
  'nestjs-probes/ioredis': {
    values: ['IoRedisHealthModule'],
    types: ['IoRedisHealthAsyncOptions', 'IoRedisHealthOptions', 'RedisInfoFigures'],
  },
  'nestjs-probes/system': {
    values: ['DiskHealthModule', 'EventLoopHealthModule', 'MemoryHealthModule'],
    types: [
      'DiskHealthAsyncOptions',
      'DiskHealthDetails',
      'DiskHealthOptions',
      'DiskSpaceThreshold',
      'EventLoopHealthAsyncOptions',
      'EventLoopHealthDetails',
      'EventLoopHealthOptions',
      'MemoryHealthAsyncOptions',
      'MemoryHealthDetails',
      'MemoryHealthOptions',
      'MemoryThreshold',
    ],
  },
  'nestjs-probes/http': {
    values: ['HttpHealthModule'],
    types: ['HttpHealthAsyncOptions', 'HttpHealthDetails', 'HttpHealthMethod', 'HttpHealthOptions'],
  },
  'nestjs-probes/prometheus': {
    values: ['PrometheusHealthModule'],
    types: ['PrometheusHealthAsyncOptions', 'PrometheusHealthOptions'],
  },
  'nestjs-probes/microservices': {
    values: ['MicroserviceHealthModule'],
    types: [
      'MicroserviceHealthAsyncOptions',
      'MicroserviceHealthDetails',
      'MicroserviceHealthOptions',
    ],
  },
  'nestjs-probes/opentelemetry': {
    values: ['OpenTelemetryHealthModule'],
    types: ['OpenTelemetryHealthAsyncOptions', 'OpenTelemetryHealthOptions'],
  },
  'nestjs-probes/grpc': {
    values: ['GrpcHealthModule', 'withGrpcHealth'],
    types: ['GrpcHealthOptions', 'GrpcHealthServerOptions'],
  },
};

const ENTRIES = Object.keys(PUBLIC_API);
const declarationOf = (entry: string) =>
  join(packageDir, 'dist', entry.replace(/^nestjs-probes\/?/, ''), 'index.d.ts');

/** What a consumer's `require()` gets, from the build (`npm test` builds first). */
function runtimeExports(): Record<string, string[]> {
  const script = `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(ENTRIES)}
    .map((entry) => [entry, Object.keys(require(entry)).sort()]))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString());
}

describe('public exports of each entry point', () => {
  let program: ts.Program;
  let checker: ts.TypeChecker;
  let runtime: Record<string, string[]>;

  beforeAll(() => {
    program = ts.createProgram(ENTRIES.map(declarationOf), {
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    checker = program.getTypeChecker();
    runtime = runtimeExports();
  });

  const exportsOf = (entry: string): ts.Symbol[] => {
    const source = program.getSourceFile(declarationOf(entry))!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  };

  it.each(ENTRIES)('%s exports exactly its documented values at run time', (entry) => {
    expect(runtime[entry]).toEqual([...PUBLIC_API[entry].values].sort());
  });

  it.each(ENTRIES)('%s declares exactly its documented values and types', (entry) => {
    const { values, types } = PUBLIC_API[entry];
    const declared = exportsOf(entry).map((symbol) => symbol.name);
    expect(declared.sort()).toEqual([...values, ...types].sort());
  });

  it.each(ENTRIES)('%s documents every export as @publicApi in its declarations', (entry) => {
    const undocumented = exportsOf(entry)
      .map((symbol) =>
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
      )
      .filter((symbol) => !symbol.getJsDocTags(checker).some((tag) => tag.name === 'publicApi'))
      .map((symbol) => symbol.name);
    expect(undocumented).toEqual([]);
  });
});
