#!/bin/bash
# Console input: typed lines reach the VM that has the input, through its
# virtual UART's receive interrupt; Ctrl-] moves input to the other VM.
. "$(dirname "$0")/common.sh"
exec "$EXPECT" -t 120 -l "$LOGS/qemu_console.console" \
    -n 'PANIC|^\[left\] echo: world|^\[right\] echo: hello' \
    -e 'console input goes to vm left' \
    -e '^\[left\] echo guest ready' \
    -e '^\[right\] echo guest ready' \
    -s 'hello\r' \
    -e '^\[left\] echo: hello$' \
    -s '\x1d' \
    -e 'console input goes to vm right' \
    -s 'world\r' \
    -e '^\[right\] echo: world$' \
    -s 'quit\r' \
    -e '^\[chipvisor\] vm right: stopped \(passed\)' \
    -s '\x1d' \
    -e 'console input goes to vm left' \
    -s 'quit\r' \
    -e '^\[chipvisor\] result: PASS' \
    -x 0 \
    -- $(qemu_cmd console)
