import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * One connection of the check's own to the app's database, used only while the app's pool is
 * saturated. It is a one-connection `DataSource` built from the app's options without entities,
 * migrations or subscribers, opened on first need; its pool closes the connection when idle.
 *
 * @internal
 */
export class SideConnection {
  private source?: DataSource;
  private opening?: Promise<DataSource>;

  constructor(private readonly options: DataSourceOptions) {}

  async query(sql: string): Promise<unknown> {
    const source = await this.open();
    return source.query(sql);
  }

  /** Not awaited by callers: ending a pool whose connection hangs on a frozen server would hang. */
  close(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    this.opening = undefined;
    return source?.isInitialized ? source.destroy().catch(() => undefined) : Promise.resolve();
  }

  private open(): Promise<DataSource> {
    if (this.source?.isInitialized) return Promise.resolve(this.source);
    this.opening ??= new DataSource(sideOptions(this.options)).initialize().then(
      (source) => {
        this.source = source;
        this.opening = undefined;
        return source;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }
}

function sideOptions(options: DataSourceOptions): DataSourceOptions {
  const extra = { ...(options as { extra?: object }).extra, ...oneConnectionPool(options.type) };
  return {
    ...options,
    entities: [],
    migrations: [],
    subscribers: [],
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    logging: false,
    cache: false,
    poolSize: 1,
    extra,
  } as DataSourceOptions;
}

// Each driver names its pool limit differently in `extra`, which overrides `poolSize`.
function oneConnectionPool(type: string): Record<string, number> {
  if (type === 'mysql' || type === 'mariadb' || type === 'aurora-mysql') {
    return { connectionLimit: 1 };
  }
  if (type === 'postgres' || type === 'cockroachdb' || type === 'aurora-postgres')
    return { max: 1 };
  return {};
}
