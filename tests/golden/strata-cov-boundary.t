# --covariates: S2 saw nobody of eth=other, so S2:eth=other is -inf
args: -f csv -D 10 --covariates eth -M S2:eth data/spina_eth.csv
exit: 0
