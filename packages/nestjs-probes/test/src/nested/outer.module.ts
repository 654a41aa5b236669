import { Module } from '@nestjs/common';
import { InnerModule } from './inner.module';

/** Imported by the application module; imports the module that declares the check. */
@Module({ imports: [InnerModule] })
export class OuterModule {}
