import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { GreetingService } from './greeting.service';

@Controller('greetings')
export class GreetingController {
  constructor(private readonly greetings: GreetingService) {}

  @Get()
  greet(@Query('name') name?: string, @Query('lang') language?: string) {
    if (!name || name.length > 100) {
      throw new BadRequestException('query "name" is required (1 to 100 characters)');
    }
    return this.greetings.greet(name, language);
  }
}
