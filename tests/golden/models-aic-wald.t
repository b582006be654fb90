# sorted by AIC with Wald intervals
tool: mse-models
args: -f csv -D 8 --sort aic -c wald --top 4 data/HAV.csv
exit: 0
