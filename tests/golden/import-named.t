# one column naming the lists, ';' or '|'
tool: mse-import
args: -f csv -r reported_by -b year,form tests/data/good-records-named.csv
exit: 0
