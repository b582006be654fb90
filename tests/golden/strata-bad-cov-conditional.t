# --covariates with --ci conditional
args: -c conditional --covariates eth data/spina_eth.csv
exit: 2
