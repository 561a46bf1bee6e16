import { parseRulesFile } from '../server/src/knownEntities/rulesFile';
const text = `# names
known:
  - text: Difference Engine
    label: PRODUCT
  - text: Frodo
    lable: PERSON
  - pattern: [{LOWER: gandalf}]
    label: ""
  - { text: Moon, label: LOC, caseInsensitive: yes }
ignore:
  texts: [Moon, 1984, ""]
  labels: CARDINAL
extra: 1
`;
console.log(JSON.stringify(parseRulesFile(text), null, 1));
console.log(JSON.stringify(parseRulesFile('known: [\n  {text: a').problems));
console.log(JSON.stringify(parseRulesFile('{"known": [{"text": "X", "label": "PERSON"}]}')));
