// @salesforce/core's TestContext stubs the library through a sinon sandbox,
// and sinon isn't a dependency here. TestContext takes the sandbox maker as
// an option, so this gives it one made of vitest spies: the few sandbox
// methods TestContext and its helpers call (stub, callsFake, returns,
// resolves, rejects, throws, restore).
import { vi, type MockInstance } from 'vitest';

type AnyFunction = (...args: unknown[]) => unknown;

export type VitestStub = MockInstance<AnyFunction> & {
  callsFake(fn: AnyFunction): VitestStub;
  returns(value: unknown): VitestStub;
  resolves(value: unknown): VitestStub;
  rejects(error: unknown): VitestStub;
  throws(error: unknown): VitestStub;
};

export class VitestSandbox {
  private readonly spies: MockInstance[] = [];

  public stub(target: object, method: string): VitestStub {
    const spy = vi.spyOn(target as Record<string, AnyFunction>, method) as unknown as VitestStub;
    this.spies.push(spy);
    spy.callsFake = (fn) => (spy.mockImplementation(fn), spy);
    spy.returns = (value) => (spy.mockImplementation(() => value), spy);
    spy.resolves = (value) => (spy.mockImplementation(() => Promise.resolve(value)), spy);
    spy.rejects = (error) => (spy.mockImplementation(() => Promise.reject(error)), spy);
    spy.throws = (error) => (spy.mockImplementation(() => { throw error; }), spy);
    return spy;
  }

  public restore(): void {
    // Newest first, so a method stubbed twice ends up as it was before the first stub.
    for (const spy of this.spies.splice(0).reverse()) spy.mockRestore();
  }
}

/** What TestContext wants from `sinon`. */
export const vitestSinon = { createSandbox: () => new VitestSandbox() };
