# --by with an unknown list in the model
args: --by eth -M S2:S9 data/spina_eth.csv
exit: 1
