import { testCheck } from '../../testing/index.js';
import { podDisruptionBudgetMissing } from './pod-disruption-budget-missing.js';
import { cases } from './pod-disruption-budget-missing.cases.js';

testCheck(podDisruptionBudgetMissing, cases);
