# --delimiter ';' on a semicolon file
args: -f csv -D 10 -d ';' tests/data/good-semicolon.csv
exit: 0
