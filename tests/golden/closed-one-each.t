# no unit seen twice: no MLE but for Mb and Mbh (removal models)
args: -m closed -f csv tests/data/good-one-each.csv
exit: 0
