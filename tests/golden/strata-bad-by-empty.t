# --by with an empty name
args: --by , data/spina_eth.csv
exit: 2
