# --by and --covariates together
args: --by eth --covariates eth data/spina_eth.csv
exit: 2
