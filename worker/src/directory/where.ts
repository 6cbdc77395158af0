// A WHERE clause built from optional filters, with its bound values in order.
export class Where {
  private readonly clauses: string[] = [];
  readonly values: unknown[] = [];

  and(sql: string, ...values: unknown[]): this {
    this.clauses.push(sql);
    this.values.push(...values);
    return this;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
