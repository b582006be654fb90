# lists that never overlap, model selection: a status
args: -s aic tests/data/good-one-each.csv
exit: 1
