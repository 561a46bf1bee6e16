// Which legend the client holds. A client that registers capabilities dynamically gets the
// semantic tokens provider at initialized with the labels known then (the standard ones), so it
// asks for tokens while the model loads; it is registered again when a sidecar's handshake (or
// the entity rules) bring other labels, so a custom pipeline's labels get types of their own. Any other client gets the static legend at initialize: the
// 18 OntoNotes types and the fallback, which every other label is drawn with.
import { SemanticTokensRegistrationType, type Connection, type Disposable, type SemanticTokensOptions } from 'vscode-languageserver';
import { entityLegend, FALLBACK_TOKEN_TYPE, tokenTypeOf, type EntityLegend } from '../../../shared/entityTokens';
import type { Logger } from '../logger';

/** A legend with its label → index lookup. */
export class LegendIndex {
  private readonly byType: Map<string, number>;
  private readonly byLabel = new Map<string, number>();
  private readonly fallback: number;

  constructor(readonly legend: EntityLegend) {
    this.byType = new Map(legend.tokenTypes.map((type, i) => [type, i]));
    this.fallback = this.byType.get(FALLBACK_TOKEN_TYPE) ?? 0;
  }

  /** The token type index of `label`: its own type if the legend has it, else the fallback. */
  typeOf = (label: string): number => {
    let index = this.byLabel.get(label);
    if (index === undefined) {
      index = this.byType.get(tokenTypeOf(label)) ?? this.fallback;
      this.byLabel.set(label, index);
    }
    return index;
  };
}

export function tokensOptions(legend: EntityLegend): SemanticTokensOptions {
  return { legend, full: { delta: true }, range: true };
}

export class TokenLegendRegistration {
  private current: LegendIndex;
  private registration: Promise<Disposable | undefined> | undefined;
  private registeredKey: string | undefined;

  /** Whether the client registers semantic tokens dynamically (else: static at initialize). */
  dynamic = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    /** The client's legend changed: results computed with the old one are worthless. */
    private readonly onChange: () => void,
  ) {
    this.current = new LegendIndex(entityLegend());
  }

  get index(): LegendIndex {
    return this.current;
  }

  /** What initialize declares: the static provider, or nothing when it is registered later. */
  staticCapability(): SemanticTokensOptions | undefined {
    return this.dynamic ? undefined : tokensOptions(this.current.legend);
  }

  /** A sidecar is ready and its pipeline reports `labels`. */
  async sidecarLabels(labels: readonly string[]): Promise<void> {
    if (!this.dynamic) return;
    const legend = entityLegend(labels);
    const key = JSON.stringify(legend);
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    const previous = this.registration;
    this.current = new LegendIndex(legend);
    this.onChange();
    const registration = this.connection.client.register(SemanticTokensRegistrationType.type, {
      documentSelector: null,
      ...tokensOptions(legend),
    });
    this.registration = registration.then(
      (disposable) => disposable,
      (error: unknown) => {
        this.log.warn(`The client refused the semantic tokens registration: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );
    (await previous)?.dispose();
    await this.registration;
  }
}
