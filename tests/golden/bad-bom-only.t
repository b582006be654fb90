# bad input: a file holding only a UTF-8 byte-order mark
args: tests/data/bad-bom-only.csv
exit: 1
