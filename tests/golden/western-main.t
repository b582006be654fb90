# Western, independence (base R glm: N 2007.14176)
args: -f csv -D 10 data/Western.csv
exit: 0
