// Entry point of the `ops` command (npm run ops -- …).
import { main } from './ops';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
