'use strict';
// Ends a CLI only after stdout and stderr have drained. process.exit() right after a write drops whatever the pipe
// has not taken yet (output piped to `jq` was cut at 65,536 bytes): write('') calls back once every earlier write
// on that stream is flushed, and only then do we exit.
function exitFlushed(code) {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || stream.writableEnded) done();
    else stream.write('', done);
  }
}

module.exports = { exitFlushed };
