export { AuthModule } from './auth.module';
export type { AuthenticatedUser, MintTokenOptions } from './interfaces';
export { JwtAuthGuard } from './jwt-auth.guard';
export { Public } from './public.decorator';
export { Roles } from './roles.decorator';
export { TokenService } from './token.service';
