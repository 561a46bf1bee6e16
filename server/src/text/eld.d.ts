// Types of eld's extra-small static build (ESM only; `eld/extrasmall` is its `import` export):
// the package's own index.d.ts is not reachable under this project's module resolution.
declare module 'eld/extrasmall' {
  interface LanguageResult {
    /** ISO 639-1 code, or '' when nothing was detected. */
    language: string;
    getScores(): Record<string, number>;
    isReliable(): boolean;
  }
  export const eld: { detect(text: string): LanguageResult };
}
