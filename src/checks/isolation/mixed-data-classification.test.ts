import { testCheck } from '../../testing/index.js';
import { mixedDataClassification } from './mixed-data-classification.js';
import { cases } from './mixed-data-classification.cases.js';

testCheck(mixedDataClassification, cases);
