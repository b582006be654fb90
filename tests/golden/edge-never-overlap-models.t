# lists that never overlap, mse-models: a status
tool: mse-models
args: tests/data/good-one-each.csv
exit: 1
