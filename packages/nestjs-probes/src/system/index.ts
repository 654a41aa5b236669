export { DiskHealthModule } from './disk-health.module';
export {
  type DiskHealthAsyncOptions,
  type DiskHealthDetails,
  type DiskHealthOptions,
  type DiskSpaceThreshold,
} from './disk-health-options.interface';
export { EventLoopHealthModule } from './event-loop-health.module';
export {
  type EventLoopHealthAsyncOptions,
  type EventLoopHealthDetails,
  type EventLoopHealthOptions,
} from './event-loop-health-options.interface';
export { MemoryHealthModule } from './memory-health.module';
export {
  type MemoryHealthAsyncOptions,
  type MemoryHealthDetails,
  type MemoryHealthOptions,
  type MemoryThreshold,
} from './memory-health-options.interface';
