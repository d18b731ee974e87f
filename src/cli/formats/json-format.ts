import type { Analysis } from '../../document/analysis.js';
import type { OutputFormat } from './output-format.js';

/**
 * One JSON object for one document; a JSON array when the output holds several. The first analysis
 * is held back until the second shows whether an array is needed, so output still streams.
 */
export const jsonFormat: OutputFormat = {
  name: 'json',
  extension: 'json',
  multiDocument: true,
  createWriter(write) {
    let first: Analysis | undefined;
    let count = 0;
    return {
      add(analysis) {
        count++;
        if (count === 1) {
          first = analysis;
          return;
        }
        if (count === 2) write(`[\n${JSON.stringify(first, null, 2)}`);
        write(`,\n${JSON.stringify(analysis, null, 2)}`);
      },
      close() {
        if (count === 1) write(`${JSON.stringify(first, null, 2)}\n`);
        else if (count > 1) write('\n]\n');
        else write('[]\n');
      },
    };
  },
};

export const jsonlFormat: OutputFormat = {
  name: 'jsonl',
  extension: 'jsonl',
  multiDocument: true,
  createWriter(write) {
    return {
      add(analysis) {
        write(`${JSON.stringify(analysis)}\n`);
      },
      close() {},
    };
  },
};
