import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Written with TypeORM's schema builder, so it runs on PostgreSQL and on the embedded sql.js. */
export class CreateOrders1732320000000 implements MigrationInterface {
  name = 'CreateOrders1732320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp =
      queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'orders',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'customer', type: 'varchar', length: '100' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'total_cents', type: 'integer' },
          { name: 'created_at', type: timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [
          new TableIndex({
            name: 'orders_customer_created_at',
            columnNames: ['customer', 'created_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_lines',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'order_id', type: 'varchar', length: '36' },
          { name: 'sku', type: 'varchar', length: '32' },
          { name: 'quantity', type: 'integer' },
          { name: 'unit_price_cents', type: 'integer' },
        ],
        foreignKeys: [
          {
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [new TableIndex({ name: 'order_lines_order_id', columnNames: ['order_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('order_lines');
    await queryRunner.dropTable('orders');
  }
}
