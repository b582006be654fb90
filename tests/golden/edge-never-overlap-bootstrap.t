# lists that never overlap, bootstrap: a status
args: -c bootstrap -B 50 tests/data/good-one-each.csv
exit: 1
