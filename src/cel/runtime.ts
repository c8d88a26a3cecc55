/**
 * Evaluation budget. Every operation the interpreter performs costs at least one unit, and
 * functions whose work grows with their input (string and list building, regex matching,
 * comprehensions) charge in proportion to that size, so a hostile expression cannot run
 * for long or build huge values before it is stopped. A wall-clock deadline, checked every
 * few thousand units, backs up the cost limit.
 */
import { BudgetExceeded } from './errors.js';
import { CelEvalException, kindOf, type Value } from './values.js';

export class Budget {
  cost = 0;
  private nextClockCheck = 4096;

  constructor(
    readonly limit: number,
    private readonly deadline: number,
  ) {}

  charge(units: number): void {
    this.cost += units;
    if (this.cost > this.limit) throw new BudgetExceeded('cost', `evaluation cost exceeded the limit of ${this.limit}`);
    if (this.cost >= this.nextClockCheck) {
      this.nextClockCheck = this.cost + 4096;
      if (performance.now() > this.deadline) throw new BudgetExceeded('timeout', 'evaluation exceeded its time limit');
    }
  }
}

/** The budget of the evaluation in progress (evaluation is synchronous, so one slot suffices). */
let current: Budget | undefined;

export function withBudget<T>(budget: Budget, run: () => T): T {
  const previous = current;
  current = budget;
  try {
    return run();
  } finally {
    current = previous;
  }
}

export function activeBudget(): Budget | undefined {
  return current;
}

/** Charges the evaluation in progress; library functions call this for size-dependent work. */
export function chargeCost(units: number): void {
  if (current !== undefined && units > 0) current.charge(units);
}

/** Cost of producing or scanning a string of this length (cel-go charges 0.1 per character). */
export function stringCost(length: number): number {
  return Math.ceil(length / 10);
}

export function fail(message: string): never {
  throw new CelEvalException(message);
}

export function noOverload(name: string, args: readonly Value[]): never {
  throw new CelEvalException(`no matching overload for '${name}' applied to '(${args.map(kindOf).join(', ')})'`);
}
