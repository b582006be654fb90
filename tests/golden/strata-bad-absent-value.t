# --absent with a value no stratum has
args: --covariates eth --absent S2:eth=asian data/spina_eth.csv
exit: 1
