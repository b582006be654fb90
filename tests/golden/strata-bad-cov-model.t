# --covariates with an unknown name in the model
args: --covariates eth -M S2:sex data/spina_eth.csv
exit: 1
