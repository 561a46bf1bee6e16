// Placeholder; the language server is built in its own change.
export {};
