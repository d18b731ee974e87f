import { writeBrat } from '../../attribution/brat-writer.js';
import type { OutputFormat } from './output-format.js';

/** brat standoff (`.ann`) of the attributions, in PolNeAR's scheme: one file per document. */
export const bratFormat: OutputFormat = {
  name: 'brat',
  extension: 'ann',
  multiDocument: false,
  createWriter(write) {
    return {
      add(analysis) {
        write(writeBrat(analysis));
      },
      close() {},
    };
  },
};
