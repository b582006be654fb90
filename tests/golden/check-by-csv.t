# --by in csv: the verdict per stratum
tool: mse-check
args: --by eth -f csv data/spina_eth.csv
exit: 0
