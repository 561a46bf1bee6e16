// Which spaCy the language model program carries, for checking a pipeline's spaCy range before it
// is installed. The program says so in its handshake (model_loaded.spacy_version). Before the
// first handshake it is read from the bundle's own metadata: PyInstaller copies spaCy's
// `spacy-X.Y.Z.dist-info` folder into `_internal/` beside the program. Failing both (a program
// of an older Samsara at a custom path), the first release of the catalogue's series is assumed.
// Not a constant: Windows on ARM carries spaCy 3.8.18, the other platforms 3.8.7.
import { bundleInternals } from './bundleContents';
import { CATALOGUE } from './catalogue';

const VERSION = /^\d+\.\d+\.\d+/;
const DIST_INFO = /^spacy-(\d+\.\d+\.\d+[0-9A-Za-z.]*)\.dist-info$/;

/** The spaCy version in the bundle holding `program` (its `_internal/spacy-*.dist-info`), if there is one. */
export async function bundleSpacyVersion(program: string | undefined): Promise<string | undefined> {
  for (const entry of (await bundleInternals(program)) ?? []) {
    const match = DIST_INFO.exec(entry);
    if (match) return match[1];
  }
  return undefined;
}

/** What the version is taken to be when nothing says: the series' first release (3.8.0). */
export const SERIES_FLOOR = `${CATALOGUE.spacyVersion}.0`;

export class SpacyVersion {
  private told: string | undefined;

  /** `program`: the language model program's path, read only until a handshake has told the version. */
  constructor(private readonly program: () => string | undefined = () => undefined) {}

  /** A handshake's `spacy_version` (absent from programs of older versions: ignored). */
  handshake(version: string | undefined): void {
    if (version && VERSION.test(version)) this.told = version;
  }

  async current(): Promise<string> {
    return this.told ?? (await bundleSpacyVersion(this.program())) ?? SERIES_FLOOR;
  }
}
