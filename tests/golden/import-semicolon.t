# a ';' delimiter and UTF-8 names
tool: mse-import
args: -f csv -i id -r aktør -b år tests/data/good-records-semicolon.csv
exit: 0
