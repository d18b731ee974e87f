import { writeTimeml } from '../../time/timeml-writer.js';
import type { OutputFormat } from './output-format.js';

/** TimeML with inline TIMEX3 tags and the DCT, as the TempEval-3 scorer reads it: one file per document. */
export const timemlFormat: OutputFormat = {
  name: 'timeml',
  extension: 'tml',
  multiDocument: false,
  createWriter(write) {
    return {
      add(analysis) {
        const { id, text, published } = analysis.document;
        write(writeTimeml({ id, text, ...(published ? { published } : {}) }, analysis.times));
      },
      close() {},
    };
  },
};
