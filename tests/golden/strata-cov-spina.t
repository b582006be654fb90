# --covariates eth with a list x covariate term
args: -f csv -D 10 --covariates eth -M 'S1:S2 + S3:eth' data/spina_eth.csv
exit: 0
