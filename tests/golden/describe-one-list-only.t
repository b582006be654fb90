# no unit seen twice: warning
tool: mse-describe
args: -f text tests/data/good-one-each.csv
exit: 0
