# bayesthresh --max-order 4: pairs or triples only
args: -m bayesthresh --max-order 4 data/Kosovo.csv
exit: 2
