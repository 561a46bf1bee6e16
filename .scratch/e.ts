import { editRulesText } from '../server/src/knownEntities/rulesEdit';
import { textEdits } from '../server/src/knownEntities/textEdits';
const src = `# Names Samsara should know
known:
  # the machine
  - text: Difference Engine   # not a company
    label: ORG
  - pattern: [{LOWER: "frodo"}, {LOWER: "baggins"}]
    label: PERSON

ignore:
  texts: [Moon, "Sun"]   # sky
  labels:
    - CARDINAL
# end
`;
const show = (t: string | undefined) => console.log('-----\n' + t);
show(editRulesText(src, 'yaml', { kind: 'label', text: 'Difference Engine', label: 'PRODUCT' }));
show(editRulesText(src, 'yaml', { kind: 'label', text: 'Qwixel Brandywort', label: 'PERSON' }));
show(editRulesText(src, 'yaml', { kind: 'label', text: 'Moon', label: 'LOC' }));
show(editRulesText(src, 'yaml', { kind: 'ignore', text: 'Difference  Engine' }));
show(editRulesText(undefined, 'yaml', { kind: 'ignore', text: 'Moon' }));
show(editRulesText('known:\n- text: A\n  label: B\n', 'yaml', { kind: 'ignore', text: 'A' }));
show(editRulesText('ignore:\n  texts:\n    - Moon\n', 'yaml', { kind: 'label', text: 'Moon', label: 'LOC' }));
show(editRulesText('known: []\n', 'yaml', { kind: 'label', text: 'true', label: 'LOC' }));
show(editRulesText('{\n    "known": [\n        {"text": "A", "label": "B"}\n    ]\n}\n', 'json', { kind: 'label', text: 'C: d', label: 'LOC' }));
show(editRulesText(undefined, 'json', { kind: 'ignore', text: 'Moon' }));
const after = editRulesText(src, 'yaml', { kind: 'ignore', text: 'Difference Engine' })!;
console.log(JSON.stringify(textEdits(src, after), null, 0));
