/** `npm run dictionary`: writes the data dictionary into README.md between its markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { DICTIONARY_MARKERS, dictionaryMarkdown } from '../src/lib/schema/dictionary';

const [START, END] = DICTIONARY_MARKERS;
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no data-dictionary markers');
const next = `${readme.slice(0, a + START.length)}\n\n${dictionaryMarkdown()}\n\n${readme.slice(b)}`;
if (next !== readme) writeFileSync('README.md', next);
console.log(next === readme ? 'README.md: data dictionary up to date' : 'README.md: data dictionary updated');
