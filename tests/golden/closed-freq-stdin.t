# frequency data on stdin, count column first, ';'
args: -m closed -t 11 -f csv -
exit: 0
stdin: tests/data/good-nbcap-reversed.csv
