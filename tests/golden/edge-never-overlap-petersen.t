# lists that never overlap, Petersen: a status
args: -m petersen -l A,B tests/data/good-one-each.csv
exit: 1
