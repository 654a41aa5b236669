import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * Holds the application's bootstrap open until `open()`. It lives two modules deep, so Nest runs
 * its `onApplicationBootstrap` before the (shallower) HealthModule's: while it waits, bootstrap has
 * not finished for the health module either.
 */
@Injectable()
export class BootstrapGate implements OnApplicationBootstrap {
  private release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private enter!: () => void;
  /** Resolves once bootstrap reached the gate. */
  readonly entered = new Promise<void>((resolve) => (this.enter = resolve));

  onApplicationBootstrap(): Promise<void> {
    this.enter();
    return this.released;
  }

  open(): void {
    this.release();
  }
}

@Module({ providers: [BootstrapGate] })
class BootstrapGateHostModule {}

@Module({ imports: [BootstrapGateHostModule] })
export class BootstrapGateModule {}
