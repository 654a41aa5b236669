import { CacheModule } from '@app/cache';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderLine]), CacheModule],
  controllers: [OrdersController],
  providers: [OrdersService],
})
export class OrdersModule {}
