# --by in JSON
args: -f json -D 8 --by eth data/spina_eth.csv
exit: 0
