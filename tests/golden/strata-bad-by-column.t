# --by a column the table does not have
args: --by year data/spina_eth.csv
exit: 1
