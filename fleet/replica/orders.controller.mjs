import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decorateClass, decorateMethod, injectTypes, paramTypes } from './decorate.helpers.mjs';

const MAX_SLEEP_MS = 10_000;

/**
 * The user traffic of both sides, through the app's one TypeORM pool: a quick read, and a slow
 * report (`pg_sleep`) that holds a pooled connection for `sleepMs`.
 */
export class OrdersController {
  constructor(dataSource) {
    this.dataSource = dataSource;
  }

  async list() {
    const [row] = await this.dataSource.query('SELECT now() AS at');
    return { at: row.at };
  }

  async report(sleepMs) {
    const ms = Math.min(Math.max(Number(sleepMs) || 0, 0), MAX_SLEEP_MS);
    await this.dataSource.query('SELECT pg_sleep($1)', [ms / 1000]);
    return { sleptMs: ms };
  }
}
injectTypes(OrdersController, DataSource);
decorateMethod(OrdersController, 'list', Get());
Query('sleepMs')(OrdersController.prototype, 'report', 0);
paramTypes(OrdersController, 'report', String);
decorateMethod(OrdersController, 'report', Get('report'));
decorateClass(OrdersController, Controller('orders'));
