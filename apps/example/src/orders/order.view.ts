import { type Order, type OrderStatus } from './order.entity';

/** An order as the API answers it (and as the cache stores it). */
export interface OrderView {
  id: string;
  customer: string;
  status: OrderStatus;
  totalCents: number;
  lines: { sku: string; quantity: number; unitPriceCents: number }[];
  createdAt: string;
}

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    customer: order.customer,
    status: order.status,
    totalCents: order.totalCents,
    lines: [...order.lines]
      .sort((a, b) => a.id - b.id)
      .map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    createdAt: new Date(order.createdAt).toISOString(),
  };
}
