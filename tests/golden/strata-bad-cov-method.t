# --covariates with a closed form
args: -m chao --covariates eth data/spina_eth.csv
exit: 2
