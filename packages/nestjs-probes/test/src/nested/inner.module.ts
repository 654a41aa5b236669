import { Module } from '@nestjs/common';
import { NestedHealth } from './nested.health';

@Module({ providers: [NestedHealth] })
export class InnerModule {}
