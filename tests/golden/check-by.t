# --by: every stratum, stratum columns in front
tool: mse-check
args: --by eth -f text data/spina_eth.csv
exit: 0
