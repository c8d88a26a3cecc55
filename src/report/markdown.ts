import type { Reporter } from './index.js';

// Placeholder: replaced by the real reporter.
export const renderMarkdown: Reporter = () => {
  throw new Error('markdown reporter not written yet');
};
