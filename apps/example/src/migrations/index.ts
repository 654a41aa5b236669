import { CreateOrders1732320000000 } from './1732320000000-create-orders';

/** Every migration, oldest first. */
export const MIGRATIONS = [CreateOrders1732320000000];
