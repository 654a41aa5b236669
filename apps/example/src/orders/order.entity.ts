import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { OrderLine } from './order-line.entity';

export type OrderStatus = 'placed' | 'cancelled';

@Entity('orders')
export class Order {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  customer!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ type: 'integer', name: 'total_cents' })
  totalCents!: number;

  @OneToMany(() => OrderLine, (line) => line.order, { cascade: ['insert'], eager: true })
  lines!: OrderLine[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
