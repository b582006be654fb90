# --covariates with structural zeros
args: -f csv -D 10 --covariates eth -M S2:eth --absent S2:eth=other data/spina_eth.csv
exit: 0
