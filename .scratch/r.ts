import { parseDocument, isSeq, isMap, stringify } from 'yaml';
const src = `# c
known:
  - text: A   # c1
    label: B
  # between
  - text: C
    label: D
ignore:
  texts: [Moon, "Sun"]
  labels:
    - X
`;
const doc = parseDocument(src);
const known: any = doc.get('known', true);
console.log('seq', known.range, JSON.stringify(src.slice(known.range[0], known.range[1])), JSON.stringify(src.slice(known.range[1], known.range[2])));
for (const it of known.items) console.log('item', it.range, JSON.stringify(src.slice(it.range[0], it.range[1])), JSON.stringify(src.slice(it.range[1], it.range[2])));
const texts: any = doc.getIn(['ignore','texts'], true);
console.log('flow', texts.range, JSON.stringify(src.slice(texts.range[0], texts.range[1])), texts.flow);
const labels: any = doc.getIn(['ignore','labels'], true);
console.log('labels', labels.range, JSON.stringify(src.slice(labels.range[0], labels.range[2])));
const top: any = doc.contents; console.log('top', top.range, top.items[1].key.range);
console.log(stringify({text:'A', label:'B'}, {collectionStyle:'flow'}));
console.log(JSON.stringify(parseDocument('# only\n').contents));
