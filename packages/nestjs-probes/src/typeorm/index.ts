export { type PoolFigures } from './pool-figures.util';
export {
  type TypeOrmHealthAsyncOptions,
  type TypeOrmHealthOptions,
} from './typeorm-health-options.interface';
export { TypeOrmHealthModule } from './typeorm-health.module';
