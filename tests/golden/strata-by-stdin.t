# --by reads standard input
args: -f csv -D 10 --by eth
stdin: data/spina_eth.csv
exit: 0
