# --absent without a list
args: --covariates eth --absent eth=other data/spina_eth.csv
exit: 1
