// How the language server's Node process is started, shared by the client that starts it and the
// tests and benches that start it the same way.
//
// V8's young generation is sized for throughput: up to 16 MB per semi-space on 64-bit, which a
// workspace scan fills and V8 then keeps. The server's allocations are small and short-lived, so
// 2 MB semi-spaces cost no measurable scan throughput (bench/workspaceBench.ts), and the server
// at rest after a scan holds about 30 MB less (191 → 159 MB in the same bench).
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=2'];
