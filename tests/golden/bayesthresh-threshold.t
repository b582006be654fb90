# bayesthresh --threshold -1: a ratio from 0
args: -m bayesthresh --threshold -1 data/Kosovo.csv
exit: 2
