# A*B*C expands (hierarchical)
args: -f csv -D 10 -M 'EXH*ABA*OSCE' data/Kosovo.csv
exit: 0
