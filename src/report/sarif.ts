import type { Reporter } from './index.js';

// Placeholder: replaced by the real reporter.
export const renderSarif: Reporter = () => {
  throw new Error('sarif reporter not written yet');
};
