// A structural check of JUnit XML against the schema CI servers read (the Jenkins/Ant junit.xsd
// subset): well-formed nesting, <testsuites> of <testsuite name tests failures errors time> of
// <testcase classname name time> with optional <failure message>, and counts that add up.
import assert from 'node:assert/strict';

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
}

function parse(xml: string): Element {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const root: Element = { name: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = tag.exec(body)) !== null) {
    at = tag.lastIndex;
    if (m[5] !== undefined) {
      assert.ok(!/[<>]/.test(m[5]) && !/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/.test(m[5]), `bad text: ${m[5].slice(0, 40)}`);
      continue;
    }
    const [, close, name = '', rawAttrs = '', selfClose] = m;
    if (close) {
      const open = stack.pop();
      assert.equal(open?.name, name, `</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs = Object.fromEntries([...rawAttrs.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? '']));
    const element: Element = { name, attrs, children: [] };
    stack.at(-1)?.children.push(element);
    if (!selfClose) stack.push(element);
  }
  assert.equal(at, body.length, 'the whole document parses');
  assert.equal(stack.length, 1, 'every element is closed');
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0] as Element;
}

const number = (value: string | undefined, what: string): number => {
  assert.match(value ?? '', /^\d+(\.\d+)?$/, `${what} is a number`);
  return Number(value);
};

/** Asserts the shape; returns the failures per test case name. */
export function checkJunit(xml: string): { tests: number; failures: number; cases: Map<string, string[]> } {
  const root = parse(xml);
  assert.equal(root.name, 'testsuites');
  const cases = new Map<string, string[]>();
  let tests = 0;
  let failures = 0;
  for (const suite of root.children) {
    assert.equal(suite.name, 'testsuite');
    assert.ok(suite.attrs.name, 'a suite has a name');
    for (const a of ['tests', 'failures', 'errors', 'time']) number(suite.attrs[a], `testsuite ${a}`);
    let failed = 0;
    for (const c of suite.children) {
      assert.equal(c.name, 'testcase');
      assert.ok(c.attrs.classname && c.attrs.name, 'a case has classname and name');
      number(c.attrs.time, 'testcase time');
      for (const f of c.children) {
        assert.ok(['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(f.name), `<${f.name}> in a testcase`);
        if (f.name === 'failure') assert.ok(f.attrs.message !== undefined, 'a failure has a message');
      }
      const messages = c.children.filter((f) => f.name === 'failure').map((f) => f.attrs.message ?? '');
      if (messages.length) failed++;
      cases.set(`${suite.attrs.name} ${c.attrs.name}`, messages);
    }
    assert.equal(Number(suite.attrs.tests), suite.children.length, 'tests counts the cases');
    assert.equal(Number(suite.attrs.failures), failed, 'failures counts the failed cases');
    tests += suite.children.length;
    failures += failed;
  }
  assert.equal(Number(root.attrs.tests), tests);
  assert.equal(Number(root.attrs.failures), failures);
  return { tests, failures, cases };
}
