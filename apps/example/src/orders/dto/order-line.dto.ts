import { IsInt, Matches, Max, Min } from 'class-validator';

export class OrderLineDto {
  @Matches(/^[A-Z0-9][A-Z0-9-]{2,31}$/, {
    message: 'sku must be 3 to 32 upper-case letters, digits or dashes',
  })
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(1_000)
  quantity!: number;

  @IsInt()
  @Min(0)
  @Max(10_000_000)
  unitPriceCents!: number;
}
