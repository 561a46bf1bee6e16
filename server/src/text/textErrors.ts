// Errors of the text extraction. They signal a broken invariant (a parser release that changed
// what the extraction relies on), never bad input: every text extracts.
import { SamsaraError } from '../../../shared/errors';

export class TextExtractionError extends SamsaraError {
  constructor(message: string) {
    super('TEXT_EXTRACTION_FAILED', message);
  }
}
