import { CacheAside, type CachedRead } from '@app/cache';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { type Environment } from '../config/environment';
import { type CreateOrderDto } from './dto/create-order.dto';
import { type ListOrdersQuery } from './dto/list-orders.query';
import { Order } from './order.entity';
import { type OrderView, toOrderView } from './order.view';

const cacheKey = (id: string) => `order:${id}`;

@Injectable()
export class OrdersService {
  private readonly cacheTtlSeconds: number;

  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly cache: CacheAside,
    config: ConfigService<Environment, true>,
  ) {
    this.cacheTtlSeconds = config.get('CACHE_TTL_SECONDS', { infer: true });
  }

  async place(dto: CreateOrderDto): Promise<OrderView> {
    const order = this.orders.create({
      id: randomUUID(),
      customer: dto.customer,
      status: 'placed',
      totalCents: dto.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      lines: dto.lines.map((line) => ({ ...line })),
    });
    // save() fills in what the database generated (line ids, created_at): no second read needed.
    return toOrderView(await this.orders.save(order));
  }

  /** Cache-aside: Redis first, PostgreSQL on a miss or when Redis is down. */
  async find(id: string): Promise<CachedRead<OrderView>> {
    const read = await this.cache.read(cacheKey(id), this.cacheTtlSeconds, () => this.load(id));
    if (!read.value) throw new NotFoundException(`Order ${id} not found`);
    return read as CachedRead<OrderView>;
  }

  async list({ customer, limit }: ListOrdersQuery): Promise<OrderView[]> {
    const found = await this.orders.find({
      where: customer === undefined ? {} : { customer },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    return found.map(toOrderView);
  }

  async cancel(id: string): Promise<OrderView> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new NotFoundException(`Order ${id} not found`);
    if (order.status === 'cancelled')
      throw new ConflictException(`Order ${id} is already cancelled`);
    await this.orders.update({ id }, { status: 'cancelled' });
    await this.cache.evict(cacheKey(id));
    return toOrderView({ ...order, status: 'cancelled' });
  }

  private async load(id: string): Promise<OrderView | null> {
    const order = await this.orders.findOneBy({ id });
    return order ? toOrderView(order) : null;
  }
}
