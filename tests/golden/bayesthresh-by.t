# bayesthresh takes one table: no --by
args: -m bayesthresh --by eth data/spina_eth.csv
exit: 2
