import { testCheck } from '../../testing/index.js';
import { selectorMismatch } from './selector-mismatch.js';
import { cases } from './selector-mismatch.cases.js';

testCheck(selectorMismatch, cases);
