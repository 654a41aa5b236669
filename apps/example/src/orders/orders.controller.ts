import { Roles } from '@app/auth';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { type OrderView } from './order.view';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  place(@Body() dto: CreateOrderDto): Promise<OrderView> {
    return this.orders.place(dto);
  }

  @Get()
  list(@Query() query: ListOrdersQuery): Promise<OrderView[]> {
    return this.orders.list(query);
  }

  /** `X-Cache: hit | miss | bypass` tells where the answer came from (`bypass`: Redis is down). */
  @Get(':id')
  async find(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<OrderView> {
    const { value, cache } = await this.orders.find(id);
    response.setHeader('X-Cache', cache);
    return value;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(['admin'])
  cancel(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.orders.cancel(id);
  }
}
